<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="da">
<context>
    <name>DictationController</name>
    <message>
        <location filename="../dictation.py" line="182" />
        <source>Skriver de sidste ord …</source>
        <translation>Writing the last words …</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="197" />
        <source>Lytter … (talemodellen indlæses)</source>
        <translation>Listening … (the speech model is loading)</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="201" />
        <source>Lytter – tal nu</source>
        <translation>Listening – speak now</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="246" />
        <source>Færdig. Tjek teksten, og tryk Indsæt.</source>
        <translation>Done. Check the text and press Insert.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="372" />
        <source>Der er ingen tekst at indsætte.</source>
        <translation>There is no text to insert.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="375" />
        <source>Stop dikteringen først.</source>
        <translation>Stop dictation first.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="405" />
        <source>Teksten er kopieret.</source>
        <translation>The text is copied.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="413" />
        <source>Indsat ({0} tegn).</source>
        <translation>Inserted ({0} characters).</translation>
    </message>
</context>
<context>
    <name>DictationPanel</name>
    <message>
        <location filename="../dictation.py" line="441" />
        <source>Diktering</source>
        <translation>Dictation</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="449" />
        <location filename="../dictation.py" line="605" />
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="455" />
        <source>Tryk Start eller genvejstasten for at diktere.</source>
        <translation>Press Start or the shortcut key to dictate.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="481" />
        <source>Tilføj til ordbog</source>
        <translation>Add to dictionary</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="488" />
        <source>Læs op</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="490" />
        <source>Indsæt</source>
        <translation>Insert</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="493" />
        <source>Kopiér</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="495" />
        <source>Fortryd</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="497" />
        <source>Skjul</source>
        <translation>Hide</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="503" />
        <source>Indsæt automatisk efter hver sætning</source>
        <translation>Insert automatically after each sentence</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="576" />
        <source>Forslag til »{0}« – klik, eller tryk tallet:</source>
        <translation>Suggestions for “{0}” – click, or press the number:</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="578" />
        <source>Ingen forslag til »{0}«.</source>
        <translation>No suggestions for “{0}”.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="581" />
        <source>Klik på et understreget ord for at se forslag.</source>
        <translation>Click an underlined word to see suggestions.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="605" />
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
</context>
<context>
    <name>DoctorWindow</name>
    <message>
        <location filename="../doctor_window.py" line="39" />
        <source>Diagnose</source>
        <translation>Diagnostics</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="42" />
        <source>Kontrollerer mikrofon, stemmer og modeller …</source>
        <translation>Checking microphone, voices and models …</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="44" />
        <source>Luk</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="59" />
        <source>Resultat:</source>
        <translation>Result:</translation>
    </message>
</context>
<context>
    <name>FirstRunGuide</name>
    <message>
        <location filename="../first_run.py" line="18" />
        <source>Velkommen</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="25" />
        <source>(ingen)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="27" />
        <source>Velkommen til Assistent</source>
        <translation>Welcome to Assistant</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="29" />
        <source>Assistent skriver det, du siger, og læser tekst højt.

Tryk {0} for at diktere. Ordene vises i et lille vindue.
Tryk Indsæt, så kommer teksten ind, hvor du skrev.

Alt sker på din computer. Intet sendes på internettet.</source>
        <translation>Assistant writes what you say and reads text aloud.

Press {0} to dictate. The words appear in a small window.
Press Insert, and the text goes where you were writing.

Everything happens on your computer. Nothing is sent over the internet.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="36" />
        <source>Tjek mikrofonen</source>
        <translation>Check the microphone</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="37" />
        <source>Tryk på knappen og sig et par ord. Du hører optagelsen bagefter.</source>
        <translation>Press the button and say a few words. You hear the recording afterwards.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="39" />
        <source>Prøv mikrofonen</source>
        <translation>Try the microphone</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="47" />
        <source>Hør stemmen</source>
        <translation>Hear the voice</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="47" />
        <source>Tryk for at høre, hvordan oplæsningen lyder.</source>
        <translation>Press to hear how reading aloud sounds.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="48" />
        <source>Afspil en prøve</source>
        <translation>Play a sample</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="52" />
        <source>Klar</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="53" />
        <source>Du finder Assistent i statuslinjen. Højreklik på ikonet for menuen.</source>
        <translation>You find Assistant in the system tray. Right-click the icon for the menu.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="56" />
        <source>Tilbage</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="58" />
        <location filename="../first_run.py" line="111" />
        <source>Næste</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="90" />
        <source>Hej. Sådan lyder jeg, når jeg læser op.</source>
        <translation>Hello. This is how I sound when I read aloud.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="111" />
        <source>Færdig</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <location filename="../history_window.py" line="28" />
        <source>Historik</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="32" />
        <source>Dikteringer slettes automatisk efter {0} dage.</source>
        <translation>Dictations are deleted automatically after {0} days.</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="34" />
        <source>Dikteringer gemmes, til du selv sletter dem.</source>
        <translation>Dictations are kept until you delete them.</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="37" />
        <source>Historik er slået fra i indstillingerne. Tidligere dikteringer vises herunder.</source>
        <translation>History is turned off in the settings. Earlier dictations are shown below.</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="52" />
        <source>Indsæt igen</source>
        <translation>Insert again</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="54" />
        <source>Kopiér</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="56" />
        <location filename="../history_window.py" line="113" />
        <source>Slet</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="58" />
        <source>Luk</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="75" />
        <source>(tom)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="83" />
        <source>Ingen dikteringer endnu.</source>
        <translation>No dictations yet.</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="113" />
        <source>Slet denne diktering?</source>
        <translation>Delete this dictation?</translation>
    </message>
</context>
<context>
    <name>ModelsWindow</name>
    <message>
        <location filename="../models_window.py" line="41" />
        <source>Talemodeller</source>
        <translation>Speech models</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="50" />
        <source>Installerede modeller</source>
        <translation>Installed models</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="51" />
        <location filename="../models_window.py" line="54" />
        <source>Navn</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="51" />
        <location filename="../models_window.py" line="54" />
        <source>Sprog</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="51" />
        <location filename="../models_window.py" line="54" />
        <source>Størrelse</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="51" />
        <location filename="../models_window.py" line="54" />
        <source>Licens</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="51" />
        <source>Fra</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="51" />
        <location filename="../models_window.py" line="54" />
        <source>Nøjagtighed</source>
        <translation>Accuracy</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="53" />
        <source>Anbefalede modeller til dansk</source>
        <translation>Recommended models for Danish</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="64" />
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="72" />
        <source>Installér fra fil …</source>
        <translation>Install from file …</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="74" />
        <source>Installér fra mappe …</source>
        <translation>Install from folder …</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="76" />
        <source>Installér fra adresse …</source>
        <translation>Install from address …</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="80" />
        <source>Hentning er slået fra af indstillingerne eller din IT-afdeling.</source>
        <translation>Downloading is turned off by the settings or your IT department.</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="81" />
        <location filename="../models_window.py" line="208" />
        <source>Fjern</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="83" />
        <source>Luk</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="150" />
        <source>dig</source>
        <translation>you</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="150" />
        <source>IT</source>
        <translation>IT</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="150" />
        <source>programmet</source>
        <translation>the program</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="156" />
        <source>Vælg model (.zip)</source>
        <translation>Choose model (.zip)</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="162" />
        <source>Vælg modelmappe</source>
        <translation>Choose model folder</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="168" />
        <source>Installér fra adresse</source>
        <translation>Install from address</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="168" />
        <source>Adresse (https://…):</source>
        <translation>Address (https://…):</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="194" />
        <source>Installerer …</source>
        <translation>Installing …</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="208" />
        <source>Fjern modellen {0}?</source>
        <translation>Remove the model {0}?</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="240" />
        <source>Modellen {0} er installeret.</source>
        <translation>The model {0} is installed.</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="245" />
        <source>Modellen er fjernet.</source>
        <translation>The model was removed.</translation>
    </message>
</context>
<context>
    <name>ReaderBar</name>
    <message>
        <location filename="../reading.py" line="199" />
        <source>Oplæsning</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../reading.py" line="206" />
        <location filename="../reading.py" line="278" />
        <source>Afspil</source>
        <translation>Play</translation>
    </message>
    <message>
        <location filename="../reading.py" line="208" />
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../reading.py" line="212" />
        <source>Fart:</source>
        <translation>Speed:</translation>
    </message>
    <message>
        <location filename="../reading.py" line="222" />
        <source>Stemme:</source>
        <translation>Voice:</translation>
    </message>
    <message>
        <location filename="../reading.py" line="224" />
        <location filename="../reading.py" line="294" />
        <source>Automatisk</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <location filename="../reading.py" line="252" />
        <location filename="../reading.py" line="274" />
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../reading.py" line="274" />
        <source>Fortsæt</source>
        <translation>Resume</translation>
    </message>
</context>
<context>
    <name>ReaderController</name>
    <message>
        <location filename="../reading.py" line="105" />
        <source>Der er ingen tekst at læse op.</source>
        <translation>There is no text to read.</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <location filename="../settings_window.py" line="48" />
        <source>Indstillinger</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="64" />
        <source>Luk</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="72" />
        <source>Sprog og tale</source>
        <translation>Language and speech</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="76" />
        <source>Oplæsning</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="78" />
        <source>Genveje</source>
        <translation>Shortcuts</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="80" />
        <source>Skriv fx &lt;ctrl&gt;+&lt;alt&gt;+d. Tom betyder slået fra.</source>
        <translation>Write e.g. &lt;ctrl&gt;+&lt;alt&gt;+d. Empty means off.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="82" />
        <source>Indsættelse</source>
        <translation>Insertion</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="84" />
        <source>Privatliv</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="85" />
        <source>Slet al historik nu</source>
        <translation>Delete all history now</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="88" />
        <source>Udseende</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="114" />
        <source>Sprog du dikterer på</source>
        <translation>Language you dictate in</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="115" />
        <source>Sprog i menuer</source>
        <translation>Language of menus</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="116" />
        <source>Talegenkendelse</source>
        <translation>Speech recognition</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="117" />
        <source>Model til dansk</source>
        <translation>Model for Danish</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="118" />
        <source>Model til engelsk</source>
        <translation>Model for English</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="119" />
        <source>Indsæt efter hver sætning</source>
        <translation>Insert after each sentence</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="120" />
        <location filename="../settings_window.py" line="281" />
        <source>Mikrofon</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="121" />
        <source>Oplæsning med</source>
        <translation>Read aloud with</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="122" />
        <source>Dansk stemme</source>
        <translation>Danish voice</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="123" />
        <source>Engelsk stemme</source>
        <translation>English voice</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="124" />
        <source>Fart (ord pr. minut)</source>
        <translation>Speed (words per minute)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="125" />
        <source>Start/stop diktering</source>
        <translation>Start/stop dictation</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="126" />
        <source>Hold for at tale</source>
        <translation>Hold to talk</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="127" />
        <source>Læs markering op</source>
        <translation>Read selection aloud</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="128" />
        <source>Stop oplæsning</source>
        <translation>Stop reading</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="129" />
        <source>Indsæt med (rækkefølge)</source>
        <translation>Insert with (order)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="130" />
        <source>Pause mellem tegn (ms)</source>
        <translation>Pause between characters (ms)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="131" />
        <source>Programmer der får tekst ved indsæt</source>
        <translation>Programs that get text by pasting</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="132" />
        <source>Gem historik</source>
        <translation>Keep history</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="133" />
        <source>Slet historik efter (dage)</source>
        <translation>Delete history after (days)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="134" />
        <source>Tekststørrelse</source>
        <translation>Text size</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="135" />
        <source>Linjeafstand (%)</source>
        <translation>Line spacing (%)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="136" />
        <source>Baggrundsfarve til tekst</source>
        <translation>Background colour for text</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="137" />
        <source>Vis velkomstguiden ved start</source>
        <translation>Show the welcome guide at start</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="159" />
        <location filename="../settings_window.py" line="200" />
        <location filename="../settings_window.py" line="256" />
        <source>Automatisk</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="185" />
        <source>🔒 Låst af din IT-afdeling ({0})</source>
        <translation>🔒 Locked by your IT department ({0})</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="190" />
        <source>Virker ikke: {0}</source>
        <translation>Does not work: {0}</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="198" />
        <source>Dansk</source>
        <translation>Danish</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="199" />
        <source>Engelsk</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="213" />
        <source>Gemt.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="273" />
        <source>Lydniveau</source>
        <translation>Sound level</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="274" />
        <source>Prøv mikrofonen (3 sekunder)</source>
        <translation>Try the microphone (3 seconds)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="277" />
        <source>Sig et par ord efter du har trykket. Du hører optagelsen bagefter.</source>
        <translation>Say a few words after pressing. You hear the recording afterwards.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="320" />
        <source>Optager … sig noget nu.</source>
        <translation>Recording … say something now.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="334" />
        <source>Fagord (ét pr. linje) – hjælper talegenkendelsen:</source>
        <translation>Special terms (one per line) – help speech recognition:</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="337" />
        <source>Rettelser (»hørt = skrevet«, én pr. linje):</source>
        <translation>Corrections (“heard = written”, one per line):</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="340" />
        <source>Min ordbog (ord stavekontrollen skal kende):</source>
        <translation>My dictionary (words the spell checker should know):</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="343" />
        <source>Gem ord</source>
        <translation>Save words</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="358" />
        <source>Ord</source>
        <translation>Words</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="385" />
        <source>Ordene er gemt.</source>
        <translation>The words are saved.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="391" />
        <source>Slet historik</source>
        <translation>Delete history</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="391" />
        <source>Slet alle gemte dikteringer?</source>
        <translation>Delete all saved dictations?</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="403" />
        <source>{0} dikteringer er slettet.</source>
        <translation>{0} dictations were deleted.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="425" />
        <source>Der kom næsten ingen lyd ({0:.0f} dB). Tjek mikrofonen.</source>
        <translation>Almost no sound came in ({0:.0f} dB). Check the microphone.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="427" />
        <source>Mikrofonen virker ({0:.0f} dB).</source>
        <translation>The microphone works ({0:.0f} dB).</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../main.py" line="74" />
        <location filename="../main.py" line="231" />
        <source>Diktér</source>
        <translation>Dictate</translation>
    </message>
    <message>
        <location filename="../main.py" line="75" />
        <source>Læs markering op</source>
        <translation>Read selection aloud</translation>
    </message>
    <message>
        <location filename="../main.py" line="76" />
        <source>Åbn panel</source>
        <translation>Open panel</translation>
    </message>
    <message>
        <location filename="../main.py" line="77" />
        <source>Historik …</source>
        <translation>History …</translation>
    </message>
    <message>
        <location filename="../main.py" line="78" />
        <source>Indstillinger …</source>
        <translation>Settings …</translation>
    </message>
    <message>
        <location filename="../main.py" line="79" />
        <source>Modeller …</source>
        <translation>Models …</translation>
    </message>
    <message>
        <location filename="../main.py" line="80" />
        <source>Diagnose …</source>
        <translation>Diagnostics …</translation>
    </message>
    <message>
        <location filename="../main.py" line="81" />
        <location filename="../main.py" line="362" />
        <source>Om Assistent</source>
        <translation>About Assistant</translation>
    </message>
    <message>
        <location filename="../main.py" line="82" />
        <source>Afslut</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../main.py" line="171" />
        <source>Assistent – ingen talemodel: {0}</source>
        <translation>Assistant – no speech model: {0}</translation>
    </message>
    <message>
        <location filename="../main.py" line="199" />
        <source>Genvejstaster</source>
        <translation>Shortcut keys</translation>
    </message>
    <message>
        <location filename="../main.py" line="200" />
        <source>Nogle genvejstaster virker ikke:
{0}</source>
        <translation>Some shortcut keys do not work:
{0}</translation>
    </message>
    <message>
        <location filename="../main.py" line="231" />
        <source>Stop diktering</source>
        <translation>Stop dictation</translation>
    </message>
    <message>
        <location filename="../main.py" line="237" />
        <source>Assistent – klar</source>
        <translation>Assistant – ready</translation>
    </message>
    <message>
        <location filename="../main.py" line="238" />
        <source>Assistent – lytter</source>
        <translation>Assistant – listening</translation>
    </message>
    <message>
        <location filename="../main.py" line="239" />
        <source>Assistent – arbejder …</source>
        <translation>Assistant – working …</translation>
    </message>
    <message>
        <location filename="../main.py" line="240" />
        <source>Assistent – der er et problem</source>
        <translation>Assistant – there is a problem</translation>
    </message>
    <message>
        <location filename="../main.py" line="244" />
        <source>Indlæser talemodel …</source>
        <translation>Loading speech model …</translation>
    </message>
    <message>
        <location filename="../main.py" line="271" />
        <source>Oplæsning</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../main.py" line="304" />
        <source>Klik i feltet, hvor teksten skal stå, og tryk Indsæt.</source>
        <translation>Click into the field where the text should go, and press Insert.</translation>
    </message>
    <message>
        <location filename="../main.py" line="363" />
        <source>Assistent {0}
Diktering, stavehjælp og oplæsning – helt uden internet.</source>
        <translation>Assistant {0}
Dictation, spelling help and reading aloud – entirely offline.</translation>
    </message>
</context>
<context>
    <name>run_tray</name>
    <message>
        <location filename="../main.py" line="452" />
        <source>Der er ingen statuslinje (system tray) på skrivebordet, så ikonet kan ikke vises.
Brug kommandoerne i en terminal: assistant --help</source>
        <translation>There is no status area (system tray) on the desktop, so the icon cannot be shown.
Use the commands in a terminal: assistant --help</translation>
    </message>
</context>
</TS>