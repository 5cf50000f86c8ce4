#include "ingest/zip_api.hpp"

#include <dlfcn.h>

#include <mutex>
#include <string>
#include <type_traits>

#include <fmt/format.h>

#include "qda/error.hpp"

#ifndef QDA_LIBZIP_SONAME
#define QDA_LIBZIP_SONAME "libzip.so.4"
#endif

namespace qda::ingest {

const ZipApi &zip_api(std::string_view where) {
    static std::once_flag once;
    static ZipApi api{};
    static std::string failed;
    std::call_once(once, [] {
        void *h = dlopen(QDA_LIBZIP_SONAME, RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            const char *e = dlerror();
            failed = e ? e : "dlopen failed";
            return;
        }
        auto get = [h](auto &fn, const char *name) {
            fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(h, name));
            if (!fn && failed.empty())
                failed = fmt::format("it has no {}", name);
        };
        get(api.error_init, "zip_error_init");
        get(api.error_fini, "zip_error_fini");
        get(api.error_strerror, "zip_error_strerror");
        get(api.source_buffer_create, "zip_source_buffer_create");
        get(api.source_free, "zip_source_free");
        get(api.open_from_source, "zip_open_from_source");
        get(api.discard, "zip_discard");
        get(api.strerror, "zip_strerror");
        get(api.name_locate, "zip_name_locate");
        get(api.stat_init, "zip_stat_init");
        get(api.stat, "zip_stat");
        get(api.fopen, "zip_fopen");
        get(api.fread, "zip_fread");
        get(api.fclose, "zip_fclose");
        get(api.file_strerror, "zip_file_strerror");
        // The library stays loaded for the life of the process, as the PDF module does.
    });
    if (!failed.empty())
        throw Error(Exit::config, std::string(where),
                    fmt::format("cannot load libzip ({}), which reads DOCX and ODT files: {}",
                                QDA_LIBZIP_SONAME, failed),
                    "install it (Debian: apt-get install libzip4)");
    return api;
}

} // namespace qda::ingest
