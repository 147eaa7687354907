/* bcryptprimitives.dll!ProcessPrng, which Rust's standard library (tokenizers, editdistpy)
 * imports on Windows 10+ and wine 8.0 does not have. Test harness only: real Windows ships it.
 * Backed by RtlGenRandom (advapi32!SystemFunction036), which wine implements. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
