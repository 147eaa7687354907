/* Complex functions of the Universal CRT that wine 8.0's ucrtbase only stubs (calling crealf
 * aborts the process), so numpy 2.x cannot even import under wine. Test harness only: real
 * Windows has them. Built with mingw-w64 by scripts/test-windows; every other function that a
 * patched module imports from api-ms-win-crt-math-l1-1-0.dll is forwarded to ucrtbase by the
 * generated .def file.
 *
 * The UCRT types are structs, not C99 complex: _Fcomplex (8 bytes) travels in a register,
 * _Dcomplex (16 bytes) by reference, exactly as gcc's Microsoft x64 ABI passes these structs.
 * long double is double in the Microsoft ABI, so the "l" forms use double too. */
#include <complex.h>
#include <math.h>

typedef struct { float v[2]; } Fc;
typedef struct { double v[2]; } Dc;

static double complex make(double re, double im)
{
    double complex z; /* not re + im * I, which turns an infinite part into NaN */
    __real__ z = re;
    __imag__ z = im;
    return z;
}
static double complex dz(Dc z) { return make(z.v[0], z.v[1]); }
static double complex fz(Fc z) { return make(z.v[0], z.v[1]); }
static Dc dback(double complex z) { Dc r = {{creal(z), cimag(z)}}; return r; }
static Fc fback(double complex z) { Fc r = {{(float)creal(z), (float)cimag(z)}}; return r; }

#define UNARY(name)                                                         \
    __declspec(dllexport) Dc shim_##name(Dc z) { return dback(name(dz(z))); } \
    __declspec(dllexport) Dc shim_##name##l(Dc z) { return dback(name(dz(z))); } \
    __declspec(dllexport) Fc shim_##name##f(Fc z) { return fback(name(fz(z))); }

UNARY(cexp)
UNARY(clog)
UNARY(csqrt)
UNARY(csin)
UNARY(ccos)
UNARY(ctan)
UNARY(csinh)
UNARY(ccosh)
UNARY(ctanh)
UNARY(casin)
UNARY(cacos)
UNARY(catan)
UNARY(casinh)
UNARY(cacosh)
UNARY(catanh)
UNARY(conj)
UNARY(cproj)

#define REAL(name)                                                          \
    __declspec(dllexport) double shim_##name(Dc z) { return name(dz(z)); }   \
    __declspec(dllexport) double shim_##name##l(Dc z) { return name(dz(z)); } \
    __declspec(dllexport) float shim_##name##f(Fc z) { return (float)name(fz(z)); }

REAL(cabs)
REAL(carg)
REAL(creal)
REAL(cimag)

__declspec(dllexport) Dc shim_cpow(Dc a, Dc b) { return dback(cpow(dz(a), dz(b))); }
__declspec(dllexport) Dc shim_cpowl(Dc a, Dc b) { return dback(cpow(dz(a), dz(b))); }
__declspec(dllexport) Fc shim_cpowf(Fc a, Fc b) { return fback(cpow(fz(a), fz(b))); }
__declspec(dllexport) Dc shim__Cbuild(double re, double im) { Dc r = {{re, im}}; return r; }
__declspec(dllexport) Dc shim__LCbuild(double re, double im) { Dc r = {{re, im}}; return r; }
__declspec(dllexport) Fc shim__FCbuild(float re, float im) { Fc r = {{re, im}}; return r; }
__declspec(dllexport) double shim_cbrtl(double x) { return cbrt(x); }
__declspec(dllexport) double shim_copysignl(double x, double y) { return copysign(x, y); }
