<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="da">
<context>
    <name>DictationController</name>
    <message>
        <location filename="../dictation.py" line="195"/>
        <source>Skriver de sidste ord …</source>
        <translation>Writing the last words …</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="209"/>
        <source>Lytter … (talemodellen indlæses)</source>
        <translation>Listening … (the speech model is loading)</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="217"/>
        <source>Arbejder … {0} s tale tilbage</source>
        <translation>Working … {0} s of speech left</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="219"/>
        <location filename="../dictation.py" line="223"/>
        <source>Lytter – tal nu</source>
        <translation>Listening – speak now</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="236"/>
        <source>Mikrofonen giver ingen lyd – er den slået fra?</source>
        <translation>The microphone gives no sound – is it muted?</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="279"/>
        <source>Færdig. Tjek teksten, og tryk Indsæt.</source>
        <translation>Done. Check the text and press Insert.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="374"/>
        <source>Der er ingen tekst at indsætte.</source>
        <translation>There is no text to insert.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="377"/>
        <source>Stop dikteringen først.</source>
        <translation>Stop dictation first.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="380"/>
        <source>Alt er allerede indsat – intet blev sendt igen.</source>
        <translation>Everything is already inserted – nothing was sent again.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="415"/>
        <source>Teksten er kopieret.</source>
        <translation>The text is copied.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="427"/>
        <source>Skrivningen stoppede, fordi fokus flyttede. {0} af {1} tegn nåede {2}; resten er bevaret (vist uden markering). Klik tilbage i vinduet, og tryk Indsæt for resten.</source>
        <translation>Typing stopped because the focus moved. {0} of {1} characters reached {2}; the rest is kept (shown unmarked). Click back in the window and press Insert for the rest.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="432"/>
        <source>Indsat og kontrolleret ({0} tegn i {1}).</source>
        <translation>Inserted and checked ({0} characters in {1}).</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="434"/>
        <source>Sendt ({0} tegn til {1}).</source>
        <translation>Sent ({0} characters to {1}).</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="437"/>
        <source>Feltet viste noget andet, da det blev læst tilbage – se teksten efter.</source>
        <translation>The field showed something else when it was read back – check the text.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="439"/>
        <source>Rettelserne er skrevet ind i stedet for de gamle ord.</source>
        <translation>The corrections replaced the old words.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="443"/>
        <source>Kunne ikke rette i vinduet; ret selv: {0}.</source>
        <translation>Could not correct the window; please correct it yourself: {0}.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="445"/>
        <source>{0} styretegn blev fjernet.</source>
        <translation>{0} control characters were removed.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="448"/>
        <source>Feltet har kun én linje: {0} linjeskift blev til mellemrum.</source>
        <translation>The field has a single line: {0} line breaks became spaces.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="453"/>
        <source>Alt er allerede indsat.</source>
        <translation>Everything is already inserted.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="476"/>
        <source>Et andet vindue end dit har fokus, så intet blev sendt</source>
        <translation>Another window has focus, so nothing was sent</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="478"/>
        <source>Klik tilbage i {0}, hvor teksten blev indsat, og tryk Indsæt</source>
        <translation>Click back in {0}, where the text was inserted, and press Insert</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="482"/>
        <source>Teksten er bevaret: klik tilbage i feltet, og tryk Indsæt</source>
        <translation>The text is kept: click back in the field and press Insert</translation>
    </message>
</context>
<context>
    <name>DictationPanel</name>
    <message>
        <location filename="../dictation.py" line="503"/>
        <source>Diktering</source>
        <translation>Dictation</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="523"/>
        <source>Tryk Start eller genvejstasten for at diktere.</source>
        <translation>Press Start or the shortcut key to dictate.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="551"/>
        <source>Tilføj til ordbog</source>
        <translation>Add to dictionary</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="517"/>
        <location filename="../dictation.py" line="779"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="558"/>
        <source>Læs op</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="560"/>
        <source>Indsæt</source>
        <translation>Insert</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="563"/>
        <source>Kopiér</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="565"/>
        <source>Fortryd</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="567"/>
        <source>Skjul</source>
        <translation>Hide</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="579"/>
        <location filename="../dictation.py" line="628"/>
        <source>Indsæt automatisk efter hver sætning</source>
        <translation>Insert automatically after each sentence</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="586"/>
        <source>Den dikterede tekst</source>
        <translation>The dictated text</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="587"/>
        <source>Lydniveau fra mikrofonen</source>
        <translation>Microphone level</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="588"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="622"/>
        <source>Genvej: {0}</source>
        <translation>Shortcut: {0}</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="641"/>
        <source>Et andet program bruger disse taster: {0}</source>
        <translation>Another program uses these keys: {0}</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="744"/>
        <source>Forslag til »{0}« – klik på det rigtige ord:</source>
        <translation>Suggestions for “{0}” – click the right word:</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="746"/>
        <source>Ingen forslag til »{0}«.</source>
        <translation>No suggestions for “{0}”.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="751"/>
        <source>Klik på et understreget ord, eller tryk {0}, for at se forslag.</source>
        <translation>Click an underlined word, or press {0}, to see suggestions.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="753"/>
        <source>Klik på et understreget ord for at se forslag.</source>
        <translation>Click an underlined word to see suggestions.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="779"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
</context>
<context>
    <name>DoctorWindow</name>
    <message>
        <location filename="../doctor_window.py" line="46"/>
        <source>Diagnose</source>
        <translation>Diagnostics</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="49"/>
        <source>Kontrollerer mikrofon, stemmer og modeller …</source>
        <translation>Checking microphone, voices and models …</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="52"/>
        <source>Resultat af diagnosen</source>
        <translation>Diagnostics result</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="53"/>
        <source>Vis tekniske detaljer til IT (engelsk)</source>
        <translation>Show technical details for IT</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="57"/>
        <source>Tekniske detaljer til IT</source>
        <translation>Technical details for IT</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="60"/>
        <source>&amp;Luk</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="77"/>
        <source>Indstillinger</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="78"/>
        <source>Mikrofon</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="79"/>
        <source>Talegenkendelse</source>
        <translation>Speech recognition</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="80"/>
        <source>Oplæsning</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="81"/>
        <source>Indsættelse af tekst</source>
        <translation>Text insertion</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="82"/>
        <source>Genvejstaster</source>
        <translation>Hotkeys</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="83"/>
        <source>Ikon i statuslinjen</source>
        <translation>Tray icon</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="89"/>
        <source>virker.</source>
        <translation>works.</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="90"/>
        <source>virker, men kan blive bedre.</source>
        <translation>works, but could be better.</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="91"/>
        <source>virker ikke.</source>
        <translation>does not work.</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="99"/>
        <source>Der er fejl i en indstillingsfil. Kontakt din IT-afdeling.</source>
        <translation>A settings file has errors. Contact your IT department.</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="100"/>
        <source>Sæt en mikrofon eller et headset i, og prøv igen.</source>
        <translation>Plug in a microphone or headset and try again.</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="102"/>
        <source>Dansk forstås kun groft med startmodellen. Bed IT om en anbefalet dansk model.</source>
        <translation>The starter model understands Danish only roughly. Ask IT for a recommended Danish model.</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="105"/>
        <source>Der er ingen talemodel. Åbn Modeller i menuen.</source>
        <translation>There is no speech model. Open Models in the menu.</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="106"/>
        <source>Der mangler en stemme. Bed IT om at installere en dansk stemme.</source>
        <translation>A voice is missing. Ask IT to install a Danish voice.</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="107"/>
        <source>Tekst kan ikke indsættes her. Du kan stadig kopiere teksten fra panelet.</source>
        <translation>Text cannot be inserted here. You can still copy the text from the panel.</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="108"/>
        <source>Genvejstasterne virker ikke her. Brug menuen eller knapperne i panelet.</source>
        <translation>Hotkeys do not work here. Use the menu or the panel buttons.</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="109"/>
        <source>Der er ingen statuslinje på skrivebordet. Bed IT om hjælp.</source>
        <translation>The desktop has no system tray. Ask IT for help.</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="111"/>
        <source>Bed din IT-afdeling om hjælp.</source>
        <translation>Ask your IT department for help.</translation>
    </message>
    <message>
        <location filename="../doctor_window.py" line="121"/>
        <source>Resultat:</source>
        <translation>Result:</translation>
    </message>
</context>
<context>
    <name>FirstRunGuide</name>
    <message>
        <location filename="../first_run.py" line="18"/>
        <source>Velkommen</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="27"/>
        <source>(ingen)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="29"/>
        <source>Velkommen til Assistent</source>
        <translation>Welcome to Assistant</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="31"/>
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
        <location filename="../first_run.py" line="38"/>
        <source>Tjek mikrofonen</source>
        <translation>Check the microphone</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="39"/>
        <source>Tryk på knappen og sig et par ord. Du hører optagelsen bagefter.</source>
        <translation>Press the button and say a few words. You hear the recording afterwards.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="41"/>
        <source>Prøv mikrofonen</source>
        <translation>Try the microphone</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="50"/>
        <source>Hør stemmen</source>
        <translation>Hear the voice</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="50"/>
        <source>Tryk for at høre, hvordan oplæsningen lyder.</source>
        <translation>Press to hear how reading aloud sounds.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="52"/>
        <source>Afspil en prøve</source>
        <translation>Play a sample</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="56"/>
        <source>Klar</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="57"/>
        <source>Du finder Assistent i statuslinjen. Højreklik på ikonet for menuen.</source>
        <translation>You find Assistant in the system tray. Right-click the icon for the menu.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="60"/>
        <source>Tilbage</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="62"/>
        <location filename="../first_run.py" line="115"/>
        <source>Næste</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="94"/>
        <source>Hej. Sådan lyder jeg, når jeg læser op.</source>
        <translation>Hello. This is how I sound when I read aloud.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="115"/>
        <source>Færdig</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <location filename="../history_window.py" line="31"/>
        <source>Historik</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="35"/>
        <source>Dikteringer slettes automatisk efter {0} dage.</source>
        <translation>Dictations are deleted automatically after {0} days.</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="37"/>
        <source>Dikteringer gemmes, til du selv sletter dem.</source>
        <translation>Dictations are kept until you delete them.</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="40"/>
        <source>Historik er slået fra i indstillingerne. Tidligere dikteringer vises herunder.</source>
        <translation>History is turned off in the settings. Earlier dictations are shown below.</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="57"/>
        <source>&amp;Indsæt igen</source>
        <translation>&amp;Insert again</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="59"/>
        <source>&amp;Kopiér</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="61"/>
        <source>&amp;Slet</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="63"/>
        <source>&amp;Luk</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="127"/>
        <source>Slet</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="87"/>
        <source>(tom)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="97"/>
        <source>Ingen dikteringer endnu.</source>
        <translation>No dictations yet.</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="127"/>
        <source>Slet denne diktering?</source>
        <translation>Delete this dictation?</translation>
    </message>
</context>
<context>
    <name>ModelsWindow</name>
    <message>
        <location filename="../models_window.py" line="41"/>
        <source>Talemodeller</source>
        <translation>Speech models</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="47"/>
        <source>Installerede modeller</source>
        <translation>Installed models</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="50"/>
        <location filename="../models_window.py" line="62"/>
        <source>Navn</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="51"/>
        <location filename="../models_window.py" line="63"/>
        <source>Sprog</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="52"/>
        <location filename="../models_window.py" line="64"/>
        <source>Størrelse</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="53"/>
        <location filename="../models_window.py" line="65"/>
        <source>Licens</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="54"/>
        <source>Fra</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="55"/>
        <location filename="../models_window.py" line="66"/>
        <source>Nøjagtighed</source>
        <translation>Accuracy</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="59"/>
        <source>Anbefalede modeller til dansk</source>
        <translation>Recommended models for Danish</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="78"/>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="86"/>
        <source>Installér fra fil …</source>
        <translation>Install from file …</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="88"/>
        <source>Installér fra mappe …</source>
        <translation>Install from folder …</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="90"/>
        <source>Installér fra adresse …</source>
        <translation>Install from address …</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="95"/>
        <source>Hentning er slået fra af indstillingerne eller din IT-afdeling.</source>
        <translation>Downloading is turned off by the settings or your IT department.</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="97"/>
        <location filename="../models_window.py" line="272"/>
        <source>Fjern</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="99"/>
        <source>Luk</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="176"/>
        <source>{0} % ordfejl på {1}</source>
        <translation>{0} % word errors on {1}</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="187"/>
        <source>Den valgte danske model er ikke installeret; den bedste installerede bruges.</source>
        <translation>The chosen Danish model is not installed; the best installed one is used.</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="190"/>
        <source>Der er ingen dansk talemodel. Installér en af de anbefalede nedenfor.</source>
        <translation>There is no Danish speech model. Install one of the recommended ones below.</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="194"/>
        <source>Startmodellen forstår kun dansk groft. En anbefalet dansk model nedenfor giver langt færre fejl: bed din IT-afdeling om at installere den.</source>
        <translation>The starter model understands Danish only roughly. A recommended Danish model below makes far fewer errors: ask your IT department to install it.</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="201"/>
        <source>dig</source>
        <translation>you</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="201"/>
        <source>IT</source>
        <translation>IT</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="201"/>
        <source>programmet</source>
        <translation>the program</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="210"/>
        <source>Vælg model (.zip)</source>
        <translation>Choose model (.zip)</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="219"/>
        <source>Vælg modelmappe</source>
        <translation>Choose model folder</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="226"/>
        <source>Installér fra adresse</source>
        <translation>Install from address</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="226"/>
        <source>Adresse (https://…):</source>
        <translation>Address (https://…):</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="257"/>
        <source>Installerer …</source>
        <translation>Installing …</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="272"/>
        <source>Fjern modellen {0}?</source>
        <translation>Remove the model {0}?</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="305"/>
        <source>Modellen {0} er installeret.</source>
        <translation>The model {0} is installed.</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="310"/>
        <source>Modellen er fjernet.</source>
        <translation>The model was removed.</translation>
    </message>
</context>
<context>
    <name>ReaderBar</name>
    <message>
        <location filename="../reading.py" line="401"/>
        <location filename="../reading.py" line="402"/>
        <source>Oplæsning</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../reading.py" line="412"/>
        <location filename="../reading.py" line="608"/>
        <source>&amp;Afspil</source>
        <translation>&amp;Play</translation>
    </message>
    <message>
        <location filename="../reading.py" line="414"/>
        <source>&amp;Stop</source>
        <translation>&amp;Stop</translation>
    </message>
    <message>
        <location filename="../reading.py" line="416"/>
        <source>◀ Fo&amp;rrige</source>
        <translation>◀ P&amp;revious</translation>
    </message>
    <message>
        <location filename="../reading.py" line="417"/>
        <source>Forrige sætning (venstre pil)</source>
        <translation>Previous sentence (left arrow)</translation>
    </message>
    <message>
        <location filename="../reading.py" line="419"/>
        <source>&amp;Næste ▶</source>
        <translation>&amp;Next ▶</translation>
    </message>
    <message>
        <location filename="../reading.py" line="420"/>
        <source>Næste sætning (højre pil)</source>
        <translation>Next sentence (right arrow)</translation>
    </message>
    <message>
        <location filename="../reading.py" line="422"/>
        <source>&amp;Luk</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../reading.py" line="423"/>
        <source>Stop oplæsningen og luk vinduet</source>
        <translation>Stop reading and close the window</translation>
    </message>
    <message>
        <location filename="../reading.py" line="427"/>
        <source>Far&amp;t:</source>
        <translation>Spee&amp;d:</translation>
    </message>
    <message>
        <location filename="../reading.py" line="435"/>
        <source>Fart i ord pr. minut</source>
        <translation>Speed in words per minute</translation>
    </message>
    <message>
        <location filename="../reading.py" line="441"/>
        <source>Låst af IT</source>
        <translation>Locked by IT</translation>
    </message>
    <message>
        <location filename="../reading.py" line="446"/>
        <source>Farten er bestemt af din IT-afdeling.</source>
        <translation>The speed is set by your IT department.</translation>
    </message>
    <message>
        <location filename="../reading.py" line="448"/>
        <source>St&amp;emme:</source>
        <translation>Voic&amp;e:</translation>
    </message>
    <message>
        <location filename="../reading.py" line="454"/>
        <source>Stemme</source>
        <translation>Voice</translation>
    </message>
    <message>
        <location filename="../reading.py" line="462"/>
        <source>Teksten der læses op</source>
        <translation>The text being read</translation>
    </message>
    <message>
        <location filename="../reading.py" line="546"/>
        <location filename="../reading.py" line="601"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <location filename="../reading.py" line="601"/>
        <source>F&amp;ortsæt</source>
        <translation>C&amp;ontinue</translation>
    </message>
    <message>
        <location filename="../reading.py" line="603"/>
        <source>Oplæsningen er sat på pause.</source>
        <translation>Reading is paused.</translation>
    </message>
    <message>
        <location filename="../reading.py" line="603"/>
        <source>Oplæsningen fortsætter.</source>
        <translation>Reading continues.</translation>
    </message>
    <message>
        <location filename="../reading.py" line="612"/>
        <source>Oplæsningen er stoppet.</source>
        <translation>Reading stopped.</translation>
    </message>
    <message>
        <location filename="../reading.py" line="612"/>
        <source>Oplæsningen er færdig.</source>
        <translation>Reading is finished.</translation>
    </message>
    <message>
        <location filename="../reading.py" line="451"/>
        <location filename="../reading.py" line="628"/>
        <source>Automatisk</source>
        <translation>Automatic</translation>
    </message>
</context>
<context>
    <name>ReaderController</name>
    <message>
        <location filename="../reading.py" line="221"/>
        <source>Oplæsning mens du skriver virker ikke her.</source>
        <translation>Reading aloud as you type does not work here.</translation>
    </message>
    <message>
        <location filename="../reading.py" line="280"/>
        <source>Der er ingen tekst at læse op.</source>
        <translation>There is no text to read.</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <location filename="../settings_window.py" line="103"/>
        <source>Indstillinger</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="117"/>
        <source>Luk</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="125"/>
        <source>Sprog og tale</source>
        <translation>Language and speech</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="138"/>
        <source>Oplæsning</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="149"/>
        <source>Genveje</source>
        <translation>Shortcuts</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="159"/>
        <source>Klik i feltet og tryk tasterne, fx Ctrl+Alt+D. »Fra« slår genvejen fra.</source>
        <translation>Click the field and press the keys, e.g. Ctrl+Alt+D. “Off” turns the shortcut off.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="161"/>
        <source>Indsættelse</source>
        <translation>Insertion</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="163"/>
        <source>Privatliv</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="164"/>
        <source>Slet al historik nu</source>
        <translation>Delete all history now</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="167"/>
        <source>Udseende</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="206"/>
        <source>Sprog du dikterer på</source>
        <translation>Language you dictate in</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="207"/>
        <source>Sprog i menuer</source>
        <translation>Language of menus</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="208"/>
        <source>Talegenkendelse</source>
        <translation>Speech recognition</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="209"/>
        <source>Model til dansk</source>
        <translation>Model for Danish</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="210"/>
        <source>Model til engelsk</source>
        <translation>Model for English</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="211"/>
        <source>Pause der afslutter en sætning (ms)</source>
        <translation>Pause that ends a sentence (ms)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="212"/>
        <source>Indsæt efter hver sætning</source>
        <translation>Insert after each sentence</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="213"/>
        <location filename="../settings_window.py" line="513"/>
        <source>Mikrofon</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="214"/>
        <source>Oplæsning med</source>
        <translation>Read aloud with</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="215"/>
        <source>Dansk stemme</source>
        <translation>Danish voice</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="216"/>
        <source>Engelsk stemme</source>
        <translation>English voice</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="217"/>
        <source>Fart (ord pr. minut)</source>
        <translation>Speed (words per minute)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="218"/>
        <source>Læs op mens du skriver (i alle programmer)</source>
        <translation>Read aloud as you type (in all programs)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="219"/>
        <source>Højttaler</source>
        <translation>Loudspeaker</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="220"/>
        <source>Start/stop diktering</source>
        <translation>Start/stop dictation</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="221"/>
        <source>Hold for at tale</source>
        <translation>Hold to talk</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="222"/>
        <source>Læs markering op</source>
        <translation>Read selection aloud</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="223"/>
        <source>Stop oplæsning</source>
        <translation>Stop reading</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="224"/>
        <source>Pause/fortsæt oplæsning</source>
        <translation>Pause/continue reading</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="225"/>
        <source>Næste sætning</source>
        <translation>Next sentence</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="226"/>
        <source>Forrige sætning</source>
        <translation>Previous sentence</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="227"/>
        <source>Indsæt med (rækkefølge)</source>
        <translation>Insert with (order)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="228"/>
        <source>Pause mellem tegn (ms)</source>
        <translation>Pause between characters (ms)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="229"/>
        <source>Programmer der får tekst ved indsæt</source>
        <translation>Programs that get text by pasting</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="230"/>
        <source>Gem historik</source>
        <translation>Keep history</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="231"/>
        <source>Slet historik efter (dage)</source>
        <translation>Delete history after (days)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="232"/>
        <source>Tekststørrelse</source>
        <translation>Text size</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="233"/>
        <source>Linjeafstand (%)</source>
        <translation>Line spacing (%)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="234"/>
        <source>Baggrundsfarve til tekst</source>
        <translation>Background colour for text</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="235"/>
        <source>Vis velkomstguiden ved start</source>
        <translation>Show the welcome guide at start</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="257"/>
        <location filename="../settings_window.py" line="318"/>
        <location filename="../settings_window.py" line="486"/>
        <source>Automatisk</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="268"/>
        <location filename="../settings_window.py" line="659"/>
        <source>Standard</source>
        <translation>Default</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="299"/>
        <source>Låst af din IT-afdeling.</source>
        <translation>Locked by your IT department.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="307"/>
        <source>Virker ikke: {0}</source>
        <translation>Does not work: {0}</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="316"/>
        <source>Dansk</source>
        <translation>Danish</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="317"/>
        <source>Engelsk</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="319"/>
        <location filename="../settings_window.py" line="334"/>
        <source>Fra</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="320"/>
        <source>Hvert ord</source>
        <translation>Each word</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="321"/>
        <source>Hver sætning</source>
        <translation>Each sentence</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="335"/>
        <source>Slå {0} fra</source>
        <translation>Turn off {0}</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="346"/>
        <source>Brug Ctrl, Alt eller Windows-tasten sammen med tasten.</source>
        <translation>Use Ctrl, Alt or the Windows key together with the key.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="356"/>
        <source>Vælg farve …</source>
        <translation>Choose colour …</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="359"/>
        <source>Ingen farve</source>
        <translation>No colour</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="363"/>
        <source>ingen</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="367"/>
        <source>Baggrundsfarve</source>
        <translation>Background colour</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="388"/>
        <source>Tastetryk (X11)</source>
        <translation>Key presses (X11)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="389"/>
        <source>Indsæt via udklipsholderen</source>
        <translation>Paste via the clipboard</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="390"/>
        <source>Tastetryk (Wayland)</source>
        <translation>Key presses (Wayland)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="391"/>
        <source>Tastetryk (Windows)</source>
        <translation>Key presses (Windows)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="392"/>
        <source>Tastetryk (macOS)</source>
        <translation>Key presses (macOS)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="420"/>
        <source>Sæt flueben ved de måder, der må bruges, og træk dem i rækkefølge. Ingen: automatisk.</source>
        <translation>Tick the methods that may be used and drag them into order. None ticked: automatic.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="433"/>
        <source>Gemt.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="503"/>
        <source>Lydniveau</source>
        <translation>Sound level</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="504"/>
        <source>Prøv mikrofonen (3 sekunder)</source>
        <translation>Try the microphone (3 seconds)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="508"/>
        <source>Sig et par ord efter du har trykket. Du hører optagelsen bagefter.</source>
        <translation>Say a few words after pressing. You hear the recording afterwards.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="552"/>
        <source>Optager … sig noget nu.</source>
        <translation>Recording … say something now.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="566"/>
        <source>Fagord (ét pr. linje) – hjælper talegenkendelsen:</source>
        <translation>Special terms (one per line) – help speech recognition:</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="569"/>
        <source>Rettelser (»hørt = skrevet«, én pr. linje):</source>
        <translation>Corrections (“heard = written”, one per line):</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="572"/>
        <source>Min ordbog (ord stavekontrollen skal kende):</source>
        <translation>My dictionary (words the spell checker should know):</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="575"/>
        <source>Gem ord</source>
        <translation>Save words</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="592"/>
        <source>Ord</source>
        <translation>Words</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="619"/>
        <source>Ordene er gemt.</source>
        <translation>The words are saved.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="625"/>
        <source>Slet historik</source>
        <translation>Delete history</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="625"/>
        <source>Slet alle gemte dikteringer?</source>
        <translation>Delete all saved dictations?</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="637"/>
        <source>{0} dikteringer er slettet.</source>
        <translation>{0} dictations were deleted.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="667"/>
        <source>Der kom næsten ingen lyd ({0:.0f} dB). Tjek mikrofonen.</source>
        <translation>Almost no sound came in ({0:.0f} dB). Check the microphone.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="670"/>
        <source>Mikrofonen virker ({0:.0f} dB).</source>
        <translation>The microphone works ({0:.0f} dB).</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../main.py" line="84"/>
        <location filename="../main.py" line="342"/>
        <source>Diktér</source>
        <translation>Dictate</translation>
    </message>
    <message>
        <location filename="../main.py" line="85"/>
        <source>Læs markering op</source>
        <translation>Read selection aloud</translation>
    </message>
    <message>
        <location filename="../main.py" line="86"/>
        <source>Åbn panel</source>
        <translation>Open panel</translation>
    </message>
    <message>
        <location filename="../main.py" line="87"/>
        <source>Historik …</source>
        <translation>History …</translation>
    </message>
    <message>
        <location filename="../main.py" line="88"/>
        <source>Indstillinger …</source>
        <translation>Settings …</translation>
    </message>
    <message>
        <location filename="../main.py" line="89"/>
        <source>Modeller …</source>
        <translation>Models …</translation>
    </message>
    <message>
        <location filename="../main.py" line="90"/>
        <source>Diagnose …</source>
        <translation>Diagnostics …</translation>
    </message>
    <message>
        <location filename="../main.py" line="91"/>
        <location filename="../main.py" line="492"/>
        <source>Om Assistent</source>
        <translation>About Assistant</translation>
    </message>
    <message>
        <location filename="../main.py" line="92"/>
        <source>Afslut</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../main.py" line="145"/>
        <source>Dikteringer kan ikke gemmes</source>
        <translation>Dictations cannot be saved</translation>
    </message>
    <message>
        <location filename="../main.py" line="149"/>
        <source>Alt, du har dikteret, er nu gemt i historikken.</source>
        <translation>Everything you dictated is now saved in the history.</translation>
    </message>
    <message>
        <location filename="../main.py" line="151"/>
        <source>Dikteringer er gemt</source>
        <translation>Dictations saved</translation>
    </message>
    <message>
        <location filename="../main.py" line="168"/>
        <source>IT-politikken kan ikke bruges</source>
        <translation>The IT policy cannot be used</translation>
    </message>
    <message>
        <location filename="../main.py" line="234"/>
        <source>Assistent – ingen talemodel: {0}</source>
        <translation>Assistant – no speech model: {0}</translation>
    </message>
    <message>
        <location filename="../main.py" line="276"/>
        <source>Genvejstaster</source>
        <translation>Shortcut keys</translation>
    </message>
    <message>
        <location filename="../main.py" line="277"/>
        <source>Nogle genvejstaster virker ikke:
{0}</source>
        <translation>Some shortcut keys do not work:
{0}</translation>
    </message>
    <message>
        <location filename="../main.py" line="342"/>
        <source>Stop diktering</source>
        <translation>Stop dictation</translation>
    </message>
    <message>
        <location filename="../main.py" line="348"/>
        <source>Assistent – klar</source>
        <translation>Assistant – ready</translation>
    </message>
    <message>
        <location filename="../main.py" line="349"/>
        <source>Assistent – lytter</source>
        <translation>Assistant – listening</translation>
    </message>
    <message>
        <location filename="../main.py" line="350"/>
        <source>Assistent – arbejder …</source>
        <translation>Assistant – working …</translation>
    </message>
    <message>
        <location filename="../main.py" line="351"/>
        <source>Assistent – der er et problem</source>
        <translation>Assistant – there is a problem</translation>
    </message>
    <message>
        <location filename="../main.py" line="355"/>
        <source>Indlæser talemodel …</source>
        <translation>Loading speech model …</translation>
    </message>
    <message>
        <location filename="../main.py" line="357"/>
        <source>IT-politikken kan ikke bruges: historik og download er slået fra</source>
        <translation>The IT policy cannot be used: history and downloads are turned off</translation>
    </message>
    <message>
        <location filename="../main.py" line="359"/>
        <source>Dikteringer kan ikke gemmes nu; de gemmes, når det kan lade sig gøre</source>
        <translation>Dictations cannot be saved now; they are saved as soon as possible</translation>
    </message>
    <message>
        <location filename="../main.py" line="395"/>
        <source>Oplæsning</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../main.py" line="430"/>
        <source>Klik i feltet, hvor teksten skal stå, og tryk Indsæt.</source>
        <translation>Click into the field where the text should go, and press Insert.</translation>
    </message>
    <message>
        <location filename="../main.py" line="493"/>
        <source>Assistent {0}
Diktering, stavehjælp og oplæsning – helt uden internet.</source>
        <translation>Assistant {0}
Dictation, spelling help and reading aloud – entirely offline.</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../messages.py" line="25"/>
        <source>Der er ingen tekst at læse op. Markér eller skriv noget tekst først.</source>
        <translation>There is no text to read. Select or type some text first.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="28"/>
        <source>Der er ingen stemme til sproget. Vælg en anden stemme i Indstillinger.</source>
        <translation>There is no voice for the language. Choose another voice in Settings.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="31"/>
        <source>Stemmen findes ikke. Vælg en anden stemme i Indstillinger.</source>
        <translation>The voice does not exist. Choose another voice in Settings.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="34"/>
        <source>Farten skal være mellem {0} og {1} ord i minuttet.</source>
        <translation>The speed must be between {0} and {1} words per minute.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="37"/>
        <source>Oplæsningen stoppede på grund af en fejl. Prøv igen.</source>
        <translation>Reading stopped because of an error. Try again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="40"/>
        <source>Der er ingen højttaler eller hovedtelefoner. Tjek lydindstillingerne.</source>
        <translation>There is no loudspeaker or headphones. Check the sound settings.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="43"/>
        <source>Højttaleren kunne ikke bruges. Tjek lydindstillingerne.</source>
        <translation>The loudspeaker could not be used. Check the sound settings.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="46"/>
        <source>Et andet vindue er aktivt nu. Klik i vinduet, du dikterede til, og tryk Indsæt igen. Teksten er gemt.</source>
        <translation>Another window is active now. Click in the window you dictated into and press Insert again. The text is kept.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="51"/>
        <source>Der er ikke markeret noget. Markér teksten, og prøv igen.</source>
        <translation>Nothing is selected. Select the text and try again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="54"/>
        <source>Indstillingen er låst af din IT-afdeling.</source>
        <translation>The setting is locked by your IT department.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="57"/>
        <source>Et andet program bruger allerede tastekombinationen. Vælg en anden.</source>
        <translation>Another program already uses the key combination. Choose another.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="60"/>
        <source>Filen eller mappen findes ikke. Vælg en anden.</source>
        <translation>The file or folder does not exist. Choose another.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="64"/>
        <source>Din IT-afdeling har slået download af modeller fra.</source>
        <translation>Your IT department has turned off model downloads.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="66"/>
        <source>Download af modeller er slået fra i dine indstillinger.</source>
        <translation>Model downloads are turned off in your settings.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="70"/>
        <source>Installationen blev afbrudt. Start den igen for at fortsætte, hvor den slap.</source>
        <translation>The installation was cancelled. Start it again to continue where it stopped.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="74"/>
        <source>Filen er en webside, ikke en model. Hent selve modelfilen, eller bed din IT-afdeling om hjælp.</source>
        <translation>The file is a web page, not a model. Download the model file itself, or ask your IT department for help.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="78"/>
        <source>Disken er fuld. Hentningen eller udpakningen er stoppet; de installerede modeller er uændrede. Gør plads, og prøv igen.</source>
        <translation>The disk is full. The download or unpacking stopped; installed models are unchanged. Make room and try again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="82"/>
        <source>Modellen kunne ikke gemmes. Tjek, at mappen er din, og at disken ikke er skrivebeskyttet.</source>
        <translation>The model could not be saved. Check that the folder is yours and the disk is not read-only.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="86"/>
        <source>Der er ikke plads nok på disken til modellen. Intet er skrevet. Gør plads, og prøv igen.</source>
        <translation>There is not enough room on the disk for the model. Nothing was written. Make room and try again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="90"/>
        <source>Arkivet indeholder et link, en enhed eller en sti uden for modelmappen. Intet er installeret.</source>
        <translation>The archive holds a link, a device or a path outside the model folder. Nothing was installed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="94"/>
        <source>Arkivet er beskadiget eller kan ikke læses. Hent modellen igen.</source>
        <translation>The archive is damaged or cannot be read. Download the model again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="98"/>
        <source>Arkivet pakker sig ud til langt mere, end en model fylder. Intet er installeret.</source>
        <translation>The archive unpacks to far more than a model takes. Nothing was installed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="102"/>
        <source>Arkivet er større, end modellen må fylde. Intet er installeret.</source>
        <translation>The archive is larger than the model may be. Nothing was installed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="106"/>
        <source>Arkivet indeholder for mange filer til at være en model. Intet er installeret.</source>
        <translation>The archive holds too many files to be a model. Nothing was installed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="110"/>
        <source>Arkivet er pakket på en måde, der ikke kan bruges. Pak modelmappen som en almindelig .zip eller .tar.gz.</source>
        <translation>The archive is packed in a way that cannot be used. Pack the model folder as a plain .zip or .tar.gz.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="114"/>
        <source>Modellen bestod ikke kontrollen (SHA-256): filen er beskadiget eller ikke den udgivne. Intet er installeret.</source>
        <translation>The model failed its check (SHA-256): the file is damaged or not the published one. Nothing was installed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="118"/>
        <source>Serveren sendte mere, end modellen må fylde. Hentningen er stoppet og slettet.</source>
        <translation>The server sent more than the model may take. The download was stopped and deleted.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="122"/>
        <source>Serveren afviste hentningen. Tjek adressen, eller bed din IT-afdeling om hjælp.</source>
        <translation>The server refused the download. Check the address, or ask your IT department for help.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="126"/>
        <source>Hentningen gik i stå. Tjek netværket, og prøv igen; den fortsætter, hvor den slap.</source>
        <translation>The download stalled. Check the network and try again; it continues where it stopped.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="130"/>
        <source>Hentningen blev afbrudt. Prøv igen; den fortsætter, hvor den slap.</source>
        <translation>The download was interrupted. Try again; it continues where it stopped.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="134"/>
        <source>Der er allerede en model med det navn. Fjern den først, eller vælg et andet navn.</source>
        <translation>A model with that name already exists. Remove it first, or choose another name.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="138"/>
        <source>Det er ikke en talemodel. Vælg selve modelmappen eller et arkiv af den.</source>
        <translation>That is not a speech model. Choose the model folder itself or an archive of it.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="142"/>
        <source>Modellen skal konverteres, før den kan bruges. Bed din IT-afdeling om hjælp.</source>
        <translation>The model must be converted before it can be used. Ask your IT department for help.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="146"/>
        <source>Disken er fuld, så det kunne ikke gemmes. Frigør plads på disken, og prøv igen.</source>
        <translation>The disk is full, so it could not be saved. Free some space on the disk and try again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="149"/>
        <source>Mappen er skrivebeskyttet, så det kunne ikke gemmes. Bed din IT-afdeling om adgang.</source>
        <translation>The folder is read-only, so it could not be saved. Ask your IT department for access.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="152"/>
        <source>Det kunne ikke gemmes. Tjek, at der er plads på disken, og prøv igen.</source>
        <translation>It could not be saved. Check that there is space on the disk and try again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="155"/>
        <source>Disken er fuld, så dikteringer kan ikke gemmes i historikken. Teksten er ikke tabt: den gemmes, så snart der er plads. Frigør plads på disken.</source>
        <translation>The disk is full, so dictations cannot be saved in the history. The text is not lost: it is saved as soon as there is room. Free some space on the disk.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="160"/>
        <source>Historikken kan ikke gemmes, fordi mappen er skrivebeskyttet. Teksten er ikke tabt, så længe Assistent kører. Bed din IT-afdeling om adgang.</source>
        <translation>The history cannot be saved because the folder is read-only. The text is not lost while Assistant is running. Ask your IT department for access.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="165"/>
        <source>Historikken kan ikke gemmes lige nu. Teksten er ikke tabt: den gemmes, så snart det virker igen.</source>
        <translation>The history cannot be saved right now. The text is not lost: it is saved as soon as that works again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="170"/>
        <source>Det valg kan ikke bruges. Vælg et andet.</source>
        <translation>That choice cannot be used. Choose another.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="173"/>
        <source>En indstilling kan ikke bruges. Ret den i Indstillinger.</source>
        <translation>A setting cannot be used. Correct it in Settings.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="176"/>
        <source>Mikrofonen eller højttaleren kan ikke bruges. Tjek lydindstillingerne.</source>
        <translation>The microphone or loudspeaker cannot be used. Check the sound settings.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="179"/>
        <source>En talemodel eller stemme mangler eller virker ikke. Åbn Modeller i menuen.</source>
        <translation>A speech model or voice is missing or broken. Open Models in the menu.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="182"/>
        <source>Det virker ikke på denne computer. Åbn Diagnose i menuen for at se hvorfor.</source>
        <translation>This does not work on this computer. Open Diagnostics in the menu to see why.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="185"/>
        <source>Teksten kunne ikke indsættes. Den er gemt: prøv igen, eller tryk Kopiér.</source>
        <translation>The text could not be inserted. It is kept: try again, or press Copy.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="188"/>
        <source>Noget kunne ikke gemmes. Tjek, at der er plads på disken.</source>
        <translation>Something could not be saved. Check that there is space on the disk.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="200"/>
        <source>Noget gik galt. Åbn Diagnose i menuen for at se mere.</source>
        <translation>Something went wrong. Open Diagnostics in the menu to see more.</translation>
    </message>
</context>
<context>
    <name>run_tray</name>
    <message>
        <location filename="../main.py" line="586"/>
        <source>Der er ingen statuslinje (system tray) på skrivebordet, så ikonet kan ikke vises.
Brug kommandoerne i en terminal: assistant --help</source>
        <translation>There is no status area (system tray) on the desktop, so the icon cannot be shown.
Use the commands in a terminal: assistant --help</translation>
    </message>
</context>
<context>
    <name>voices</name>
    <message>
        <location filename="../reading.py" line="138"/>
        <source>Dansk</source>
        <translation>Danish</translation>
    </message>
    <message>
        <location filename="../reading.py" line="139"/>
        <source>Engelsk (Storbritannien)</source>
        <translation>English (Great Britain)</translation>
    </message>
    <message>
        <location filename="../reading.py" line="140"/>
        <source>Engelsk (USA)</source>
        <translation>English (America)</translation>
    </message>
</context>
</TS>
