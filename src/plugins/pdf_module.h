/* The C interface between qda and its PDF module (libqda_pdf.so, src/plugins/pdf_poppler.cpp).
   The module calls `emit` once per page (QDA_PDF_PAGE, in page order) and then once for each
   document property (possibly empty), always with UTF-8 bytes; the bytes are valid during the
   call only. A changed interface gets a new function name (_v2), so a stale module is refused
   instead of misread. */
#ifndef QDA_PDF_MODULE_H
#define QDA_PDF_MODULE_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    QDA_PDF_OK = 0,
    QDA_PDF_UNREADABLE = 1,
    QDA_PDF_LOCKED = 2,
    QDA_PDF_NO_PAGES = 3,
    QDA_PDF_TOO_LARGE = 4
};
enum { QDA_PDF_PAGE = 0, QDA_PDF_TITLE = 1, QDA_PDF_AUTHOR = 2, QDA_PDF_CREATED = 3 };

typedef void (*qda_pdf_emit)(void *user, int kind, const char *data, size_t size);
typedef int (*qda_pdf_extract_fn)(const char *bytes, size_t size, qda_pdf_emit emit, void *user);

#define QDA_PDF_MODULE_FILE "libqda_pdf.so"
#define QDA_PDF_EXTRACT_SYMBOL "qda_pdf_extract_v1"

#ifdef __cplusplus
}
#endif
#endif
