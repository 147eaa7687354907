// Custom action of assistant.wxs (JScript, run by Windows Installer as SYSTEM, deferred).
//
// CustomActionData holds a whole command line: "C:\...\assistant-cli.exe" ARGS. An EXE custom
// action's output is lost (or lands in SYSTEM's profile), and IT reads the msiexec log: so the
// command runs hidden with its output in a temporary file, every line of it is written into the
// msiexec log, and a non-zero exit fails the action (the install rolls back, the reason logged).

var MSG_INFO = 0x04000000;
var IDOK = 1;
var IDABORT = 3;

function log(text) {
    var record = Session.Installer.CreateRecord(0);
    record.StringData(0) = "assistant: " + text;
    Session.Message(MSG_INFO, record);
}

function readUtf8(path) {
    var stream = new ActiveXObject("ADODB.Stream");
    stream.Type = 2; // text
    stream.Charset = "utf-8";
    stream.Open();
    stream.LoadFromFile(path);
    var text = stream.ReadText(-1);
    stream.Close();
    return text;
}

function run() {
    var command = Session.Property("CustomActionData");
    var shell = new ActiveXObject("WScript.Shell");
    var fso = new ActiveXObject("Scripting.FileSystemObject");
    var output = fso.BuildPath(fso.GetSpecialFolder(2).Path, fso.GetTempName());
    // The program writes UTF-8 whatever the console code page is.
    shell.Environment("PROCESS").Item("PYTHONUTF8") = "1";
    log("running " + command);
    // cmd /s /c "..." drops only the outermost quotes, so the command's own quoting stays intact.
    var code = shell.Run('cmd.exe /d /s /c "' + command + ' > "' + output + '" 2>&1"', 0, true);
    if (fso.FileExists(output)) {
        var lines = readUtf8(output).split(/\r?\n/);
        for (var i = 0; i < lines.length; i++) {
            if (lines[i].length > 0) {
                log(lines[i]);
            }
        }
        fso.DeleteFile(output);
    }
    if (code !== 0) {
        log("FAILED with exit code " + code + ": " + command);
        return IDABORT;
    }
    log("done (exit code 0)");
    return IDOK;
}
