/* Custom action DLL of assistant.wxs (deferred, run by Windows Installer as SYSTEM).
 *
 * CustomActionData holds a whole command line: "C:\...\assistant-cli.exe" ARGS. An EXE custom
 * action's output is lost (or lands in SYSTEM's profile), and IT reads the msiexec log: so the
 * command runs without a window, every line it prints (stdout and stderr) is written into the
 * msiexec log, and a non-zero exit fails the action, so the install rolls back with the reason
 * logged. Built by installer/windows/build_msi.py with mingw-w64:
 *   x86_64-w64-mingw32-gcc -shared -O2 -o RunCli.dll runcli.c -lmsi
 */
#include <windows.h>
#include <msi.h>
#include <msiquery.h>
#include <stdio.h>
#include <string.h>

static void log_line(MSIHANDLE install, const char *utf8)
{
    WCHAR wide[4200];
    WCHAR text[4200 * 4 + 16];
    const WCHAR *from;
    WCHAR *to = text;
    MSIHANDLE record;
    if (!MultiByteToWideChar(CP_UTF8, 0, utf8, -1, wide, 4200))
        wcscpy(wide, L"(unreadable output)");
    /* The message is a formatted-text template: the program's own [brackets] are escaped as
       [\[] and [\]] so that they are logged as written, never read as property names. */
    wcscpy(to, L"assistant: ");
    to += wcslen(to);
    for (from = wide; *from; from++) {
        if (*from == L'[' || *from == L']') {
            *to++ = L'[';
            *to++ = L'\\';
            *to++ = *from;
            *to++ = L']';
        } else {
            *to++ = *from;
        }
    }
    *to = 0;
    record = MsiCreateRecord(0);
    MsiRecordSetStringW(record, 0, text);
    MsiProcessMessage(install, INSTALLMESSAGE_INFO, record);
    MsiCloseHandle(record);
}

static void log_wide(MSIHANDLE install, const WCHAR *prefix, const WCHAR *wide)
{
    char utf8[4200];
    char line[4300];
    WideCharToMultiByte(CP_UTF8, 0, wide, -1, utf8, sizeof utf8, NULL, NULL);
    utf8[sizeof utf8 - 1] = 0;
    WideCharToMultiByte(CP_UTF8, 0, prefix, -1, line, 100, NULL, NULL);
    strncat(line, utf8, sizeof line - strlen(line) - 1);
    log_line(install, line);
}

UINT __stdcall RunCli(MSIHANDLE install)
{
    WCHAR command[8192];
    DWORD size = 8192;
    SECURITY_ATTRIBUTES inherit = {sizeof inherit, NULL, TRUE};
    HANDLE read_end, write_end;
    STARTUPINFOW start;
    PROCESS_INFORMATION process;
    char buffer[4096];
    char pending[4200];
    size_t used = 0;
    DWORD got, code = 1;

    if (MsiGetPropertyW(install, L"CustomActionData", command, &size) != ERROR_SUCCESS || !command[0]) {
        log_line(install, "no command given (CustomActionData is empty)");
        return ERROR_INSTALL_FAILURE;
    }
    log_wide(install, L"running ", command);
    if (!CreatePipe(&read_end, &write_end, &inherit, 0)) {
        log_line(install, "FAILED: cannot create a pipe");
        return ERROR_INSTALL_FAILURE;
    }
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
    ZeroMemory(&start, sizeof start);
    start.cb = sizeof start;
    start.dwFlags = STARTF_USESTDHANDLES | STARTF_USESHOWWINDOW;
    start.wShowWindow = SW_HIDE;
    start.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    start.hStdOutput = write_end;
    start.hStdError = write_end;
    /* The program writes UTF-8 whatever the console code page is. */
    SetEnvironmentVariableW(L"PYTHONUTF8", L"1");
    if (!CreateProcessW(NULL, command, NULL, NULL, TRUE, CREATE_NO_WINDOW, NULL, NULL, &start, &process)) {
        char why[200];
        snprintf(why, sizeof why, "FAILED: the program could not be started (Windows error %lu)", GetLastError());
        log_line(install, why);
        CloseHandle(read_end);
        CloseHandle(write_end);
        return ERROR_INSTALL_FAILURE;
    }
    CloseHandle(write_end);
    while (ReadFile(read_end, buffer, sizeof buffer, &got, NULL) && got > 0) {
        DWORD i;
        for (i = 0; i < got; i++) {
            char c = buffer[i];
            if (c == '\n' || used == sizeof pending - 1) {
                while (used > 0 && pending[used - 1] == '\r')
                    used--;
                pending[used] = 0;
                if (used > 0)
                    log_line(install, pending);
                used = 0;
                if (c == '\n')
                    continue;
            }
            pending[used++] = c;
        }
    }
    if (used > 0) {
        pending[used] = 0;
        log_line(install, pending);
    }
    CloseHandle(read_end);
    WaitForSingleObject(process.hProcess, INFINITE);
    GetExitCodeProcess(process.hProcess, &code);
    CloseHandle(process.hProcess);
    CloseHandle(process.hThread);
    if (code != 0) {
        char line[120];
        snprintf(line, sizeof line, "FAILED with exit code %lu (the reason is on the lines above)", code);
        log_line(install, line);
        return ERROR_INSTALL_FAILURE;
    }
    log_line(install, "done (exit code 0)");
    return ERROR_SUCCESS;
}
