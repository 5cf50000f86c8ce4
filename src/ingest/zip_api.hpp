#pragma once
// libzip, loaded the first time qda opens a ZIP package (DOCX, ODT), the way the PDF module is:
// a command that never reads one does not load libzip and the libraries it brings (libcrypto,
// zlib, bzip2) when it starts. The functions are libzip's own, reached through this table.
#include <string_view>

#include <zip.h>

namespace qda::ingest {

struct ZipApi {
    decltype(&::zip_error_init) error_init;
    decltype(&::zip_error_fini) error_fini;
    decltype(&::zip_error_strerror) error_strerror;
    decltype(&::zip_source_buffer_create) source_buffer_create;
    decltype(&::zip_source_free) source_free;
    decltype(&::zip_open_from_source) open_from_source;
    decltype(&::zip_discard) discard;
    decltype(&::zip_strerror) strerror;
    decltype(&::zip_name_locate) name_locate;
    decltype(&::zip_stat_init) stat_init;
    decltype(&::zip_stat) stat;
    decltype(&::zip_fopen) fopen;
    decltype(&::zip_fread) fread;
    decltype(&::zip_fclose) fclose;
    decltype(&::zip_file_strerror) file_strerror;
};

/// libzip's functions, loading the library on first use. Throws Error(Exit::config, where) when
/// it cannot be loaded.
const ZipApi &zip_api(std::string_view where);

} // namespace qda::ingest
