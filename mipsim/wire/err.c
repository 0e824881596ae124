#include "wire/err.h"

#include <string.h>

static const char *const err_names[] = {
#define X(name, text) #name,
    MS_ERR_MAP(X)
#undef X
};

static const char *const err_texts[] = {
#define X(name, text) text,
    MS_ERR_MAP(X)
#undef X
};

int
ms_err_index(int code)
{
    if (code <= MS_ERR__BASE || code >= MS_ERR__END)
        return -1;
    return code - MS_ERR__BASE - 1;
}

const char *
ms_err_name(int code)
{
    int i = ms_err_index(code);
    if (i >= 0)
        return err_names[i];
    return code < 0 ? "errno" : "unknown";
}

const char *
ms_strerror(int code)
{
    int i = ms_err_index(code);
    if (i >= 0)
        return err_texts[i];
    if (code < 0 && code > -4096)
        return strerror(-code);
    return "unknown error";
}
