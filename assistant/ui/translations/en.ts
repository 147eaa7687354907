<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="da">
<context>
    <name>DictationController</name>
    <message>
        <location filename="../dictation.py" line="199"/>
        <source>Skriver de sidste ord …</source>
        <translation>Writing the last words …</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="213"/>
        <source>Lytter … (talemodellen indlæses)</source>
        <translation>Listening … (the speech model is loading)</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="221"/>
        <source>Arbejder … {0} s tale tilbage</source>
        <translation>Working … {0} s of speech left</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="223"/>
        <location filename="../dictation.py" line="228"/>
        <location filename="../dictation.py" line="232"/>
        <source>Lytter – tal nu</source>
        <translation>Listening – speak now</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="228"/>
        <location filename="../dictation.py" line="298"/>
        <source>Mikrofonen giver ingen lyd – er den slået fra?</source>
        <translation>The microphone gives no sound – is it muted?</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="300"/>
        <source>Færdig. Tjek teksten, og tryk Indsæt.</source>
        <translation>Done. Check the text and press Insert.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="302"/>
        <source>Færdig. Der blev ikke sagt noget.</source>
        <translation>Done. Nothing was said.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="333"/>
        <source>Der er ingen tekst at indsætte.</source>
        <translation>There is no text to insert.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="336"/>
        <source>Stop dikteringen først.</source>
        <translation>Stop dictation first.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="340"/>
        <source>Alt er allerede indsat – intet blev sendt igen.</source>
        <translation>Everything is already inserted – nothing was sent again.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="401"/>
        <source>Teksten er kopieret.</source>
        <translation>The text is copied.</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="426"/>
        <source>Et andet vindue end dit har fokus, så intet blev sendt</source>
        <translation>Another window has focus, so nothing was sent</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="429"/>
        <source>Klik tilbage i {0}, hvor teksten blev indsat, og tryk Indsæt</source>
        <translation>Click back in {0}, where the text was inserted, and press Insert</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="430"/>
        <source>vinduet</source>
        <translation>the window</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="433"/>
        <source>Teksten er bevaret: klik tilbage i feltet, og tryk Indsæt</source>
        <translation>The text is kept: click back in the field and press Insert</translation>
    </message>
    <message>
        <location filename="../dictation.py" line="348"/>
        <source>Teksten er sendt, men kunne ikke kontrolleres. Mangler den i vinduet, så tryk Indsæt igen for at sende den en gang til.</source>
        <translation>The text was sent but could not be checked. If it is missing in the window, press Insert again to send it once more.</translation>
    </message>
</context>
<context>
    <name>DictationPanel</name>
    <message>
        <location filename="../dictation_panel.py" line="56"/>
        <source>Diktering</source>
        <translation>Dictation</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="87"/>
        <source>Tryk Start eller genvejstasten for at diktere.</source>
        <translation>Press Start or the shortcut key to dictate.</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="125"/>
        <source>Tilføj til ordbog</source>
        <translation>Add to dictionary</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="81"/>
        <location filename="../dictation_panel.py" line="421"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="120"/>
        <source>Læs ordet op</source>
        <translation>Read the word aloud</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="131"/>
        <source>Læs op</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="133"/>
        <source>Indsæt</source>
        <translation>Insert</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="136"/>
        <source>Kopiér</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="138"/>
        <source>Fortryd</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="140"/>
        <source>Skjul</source>
        <translation>Hide</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="153"/>
        <source>Indsæt automatisk efter hver sætning</source>
        <translation>Insert automatically after each sentence</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="166"/>
        <source>Den dikterede tekst</source>
        <translation>The dictated text</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="167"/>
        <source>Lydniveau fra mikrofonen</source>
        <translation>Microphone level</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="168"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="212"/>
        <location filename="../dictation_panel.py" line="220"/>
        <location filename="../dictation_panel.py" line="350"/>
        <source>Genvej: {0}</source>
        <translation>Shortcut: {0}</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="232"/>
        <source>Et andet program bruger disse taster: {0}</source>
        <translation>Another program uses these keys: {0}</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="359"/>
        <source>Genkenderen var usikker på »{0}«. Lyt til ordet, og ret det, hvis det er forkert.</source>
        <translation>The recogniser was unsure of “{0}”. Listen to the word, and correct it if it is wrong.</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="368"/>
        <source>»{0}« er et rigtigt ord. Mente du et af disse?</source>
        <translation>“{0}” is a real word. Did you mean one of these?</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="372"/>
        <source>Forslag til »{0}« – klik på det rigtige ord, eller tryk {1} og tallet:</source>
        <translation>Suggestions for “{0}” – click the right word, or press {1} and the number:</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="375"/>
        <source>Forslag til »{0}« – klik på det rigtige ord:</source>
        <translation>Suggestions for “{0}” – click the right word:</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="365"/>
        <source>Ingen forslag til »{0}«.</source>
        <translation>No suggestions for “{0}”.</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="380"/>
        <source>Klik på et understreget ord, eller tryk {0}, for at se forslag.</source>
        <translation>Click an underlined word, or press {0}, to see suggestions.</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="382"/>
        <source>Klik på et understreget ord for at se forslag.</source>
        <translation>Click an underlined word to see suggestions.</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="386"/>
        <source>Genkenderen var usikker på de blåt prikkede ord: klik på et for at lytte til det.</source>
        <translation>The recogniser was unsure of the words with a blue dotted line: click one to hear it.</translation>
    </message>
    <message>
        <location filename="../dictation_panel.py" line="421"/>
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
        <location filename="../first_run.py" line="20"/>
        <source>Velkommen</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="29"/>
        <source>(ingen)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="31"/>
        <source>Velkommen til Assistent</source>
        <translation>Welcome to Assistant</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="33"/>
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
        <location filename="../first_run.py" line="40"/>
        <source>Tjek mikrofonen</source>
        <translation>Check the microphone</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="41"/>
        <source>Tryk på knappen og sig et par ord. Du hører optagelsen bagefter.</source>
        <translation>Press the button and say a few words. You hear the recording afterwards.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="43"/>
        <source>Prøv mikrofonen</source>
        <translation>Try the microphone</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="52"/>
        <source>Hør stemmen</source>
        <translation>Hear the voice</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="52"/>
        <source>Tryk for at høre, hvordan oplæsningen lyder.</source>
        <translation>Press to hear how reading aloud sounds.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="54"/>
        <source>Afspil en prøve</source>
        <translation>Play a sample</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="62"/>
        <source>Bedre dansk diktat</source>
        <translation>Better Danish dictation</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="66"/>
        <source>Klar</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="67"/>
        <source>Du finder Assistent i statuslinjen. Højreklik på ikonet for menuen.</source>
        <translation>You find Assistant in the system tray. Right-click the icon for the menu.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="70"/>
        <source>Tilbage</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="72"/>
        <location filename="../first_run.py" line="125"/>
        <source>Næste</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="104"/>
        <source>Hej. Sådan lyder jeg, når jeg læser op.</source>
        <translation>Hello. This is how I sound when I read aloud.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="125"/>
        <source>Færdig</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <location filename="../history_window.py" line="32"/>
        <source>Historik</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="36"/>
        <source>Dikteringer slettes automatisk efter {0} dage.</source>
        <translation>Dictations are deleted automatically after {0} days.</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="38"/>
        <source>Dikteringer gemmes, til du selv sletter dem.</source>
        <translation>Dictations are kept until you delete them.</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="41"/>
        <source>Historik er slået fra i indstillingerne. Tidligere dikteringer vises herunder.</source>
        <translation>History is turned off in the settings. Earlier dictations are shown below.</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="58"/>
        <source>&amp;Indsæt igen</source>
        <translation>&amp;Insert again</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="60"/>
        <source>&amp;Kopiér</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="62"/>
        <source>&amp;Slet</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="64"/>
        <source>&amp;Luk</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="128"/>
        <source>Slet</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="88"/>
        <source>(tom)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="98"/>
        <source>Ingen dikteringer endnu.</source>
        <translation>No dictations yet.</translation>
    </message>
    <message>
        <location filename="../history_window.py" line="128"/>
        <source>Slet denne diktering?</source>
        <translation>Delete this dictation?</translation>
    </message>
</context>
<context>
    <name>MicTestPage</name>
    <message>
        <location filename="../mic_test.py" line="38"/>
        <source>Lydniveau</source>
        <translation>Sound level</translation>
    </message>
    <message>
        <location filename="../mic_test.py" line="39"/>
        <source>Prøv mikrofonen (3 sekunder)</source>
        <translation>Try the microphone (3 seconds)</translation>
    </message>
    <message>
        <location filename="../mic_test.py" line="44"/>
        <source>Sig et par ord efter du har trykket. Du hører optagelsen bagefter.</source>
        <translation>Say a few words after pressing. You hear the recording afterwards.</translation>
    </message>
    <message>
        <location filename="../mic_test.py" line="88"/>
        <source>Optager … sig noget nu.</source>
        <translation>Recording … say something now.</translation>
    </message>
    <message>
        <location filename="../mic_test.py" line="95"/>
        <source>Afspiller optagelsen …</source>
        <translation>Playing the recording back …</translation>
    </message>
    <message>
        <location filename="../mic_test.py" line="108"/>
        <source>Der kom næsten ingen lyd ({0:.0f} dB). Tjek mikrofonen.</source>
        <translation>Almost no sound came in ({0:.0f} dB). Check the microphone.</translation>
    </message>
    <message>
        <location filename="../mic_test.py" line="111"/>
        <source>Mikrofonen virker ({0:.0f} dB).</source>
        <translation>The microphone works ({0:.0f} dB).</translation>
    </message>
</context>
<context>
    <name>ModelOffer</name>
    <message>
        <location filename="../model_offer.py" line="69"/>
        <source>Til denne computer anbefaler vi talemodellen {0} ({1}). Den giver færre fejl i dansk diktat end den model, der følger med.</source>
        <translation>For this computer we recommend the speech model {0} ({1}). It makes fewer mistakes in Danish dictation than the model that comes with the program.</translation>
    </message>
    <message>
        <location filename="../model_offer.py" line="71"/>
        <source>størrelse ukendt</source>
        <translation>size unknown</translation>
    </message>
    <message>
        <location filename="../model_offer.py" line="75"/>
        <source>Hent {0}</source>
        <translation>Download {0}</translation>
    </message>
    <message>
        <location filename="../model_offer.py" line="77"/>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../model_offer.py" line="98"/>
        <source>Hentning af modeller er slået fra på denne computer. Bed din it-afdeling om at installere talemodellen {0} ({1}); de kan se den med kommandoen »assistant models list«.</source>
        <translation>Downloading models is turned off on this computer. Ask your IT department to install the speech model {0} ({1}); they can see it with the command “assistant models list”.</translation>
    </message>
    <message>
        <location filename="../model_offer.py" line="126"/>
        <source>Henter … du kan godt gøre guiden færdig imens.</source>
        <translation>Downloading … you can finish the guide meanwhile.</translation>
    </message>
    <message>
        <location filename="../model_offer.py" line="156"/>
        <source>Hentet og kontrolleret. Dansk diktat bruger nu {0}.</source>
        <translation>Downloaded and checked. Danish dictation now uses {0}.</translation>
    </message>
</context>
<context>
    <name>ModelTexts</name>
    <message>
        <location filename="../model_texts.py" line="17"/>
        <source>dansk</source>
        <translation>Danish</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="17"/>
        <source>engelsk</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="18"/>
        <source>sprogkode {0}</source>
        <translation>language code {0}</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="27"/>
        <location filename="../model_texts.py" line="37"/>
        <source>ukendt</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="29"/>
        <source>{0} GB</source>
        <translation>{0} GB</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="30"/>
        <source>{0} MB</source>
        <translation>{0} MB</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="38"/>
        <source>{0} m.fl. (se modellens side)</source>
        <translation>{0} and others (see the model&apos;s page)</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="44"/>
        <source>gennemsnit af flere danske testsæt</source>
        <translation>mean of several Danish test sets</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="46"/>
        <source>CoRal, oplæst dansk</source>
        <translation>CoRal, read-aloud Danish</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="46"/>
        <source>CoRal, dansk tale</source>
        <translation>CoRal, Danish speech</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="48"/>
        <source>Common Voice, dansk</source>
        <translation>Common Voice, Danish</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="50"/>
        <source>FLEURS, dansk</source>
        <translation>FLEURS, Danish</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="51"/>
        <source>en offentlig test</source>
        <translation>a public test</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="56"/>
        <source>{0} % ordfejl ({1})</source>
        <translation>{0} % word errors ({1})</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="63"/>
        <source>Lille og hurtig dansk model. Anbefalet til almindelige bærbare.</source>
        <translation>Small, fast Danish model. Recommended for ordinary laptops.</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="64"/>
        <source>Hurtig dansk Whisper-model med få fejl.</source>
        <translation>Fast Danish Whisper model with few errors.</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="65"/>
        <source>Stor dansk Whisper-model med få fejl. Kræver en hurtig computer.</source>
        <translation>Large Danish Whisper model with few errors. Needs a fast computer.</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="67"/>
        <source>Stor dansk Whisper-model med meget få fejl. Kræver en hurtig computer.</source>
        <translation>Large Danish Whisper model with very few errors. Needs a fast computer.</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="70"/>
        <source>Stor dansk model, også til dialekter og samtale. Kræver en hurtig computer.</source>
        <translation>Large Danish model, also for dialects and conversation. Needs a fast computer.</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="72"/>
        <source>Flersproget model med tegnsætning. Vælger selv sproget.</source>
        <translation>Multilingual model with punctuation. Chooses the language itself.</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="73"/>
        <source>Startmodel på mange sprog. Forstår kun dansk groft.</source>
        <translation>Starter model for many languages. Understands Danish only roughly.</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="74"/>
        <source>Lille engelsk model, der følger med programmet.</source>
        <translation>Small English model that comes with the program.</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="79"/>
        <source>Engelsk model til Vosk.</source>
        <translation>English model for Vosk.</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="80"/>
        <source>Whisper-model på mange sprog.</source>
        <translation>Whisper model for many languages.</translation>
    </message>
    <message>
        <location filename="../model_texts.py" line="84"/>
        <source>Bed din IT-afdeling om at installere den danske talemodel »{0}«. {1}</source>
        <translation>Ask your IT department to install the Danish speech model “{0}”. {1}</translation>
    </message>
</context>
<context>
    <name>ModelsWindow</name>
    <message>
        <location filename="../models_window.py" line="38"/>
        <source>Talemodeller</source>
        <translation>Speech models</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="46"/>
        <source>Installerede modeller</source>
        <translation>Installed models</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="49"/>
        <location filename="../models_window.py" line="61"/>
        <source>Navn</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="50"/>
        <location filename="../models_window.py" line="62"/>
        <source>Sprog</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="51"/>
        <location filename="../models_window.py" line="63"/>
        <source>Størrelse</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="52"/>
        <location filename="../models_window.py" line="64"/>
        <source>Licens</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="53"/>
        <source>Fra</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="54"/>
        <location filename="../models_window.py" line="65"/>
        <source>Nøjagtighed</source>
        <translation>Accuracy</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="58"/>
        <source>Anbefalede modeller til dansk</source>
        <translation>Recommended models for Danish</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="85"/>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="93"/>
        <source>Installér fra fil …</source>
        <translation>Install from file …</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="95"/>
        <source>Installér fra mappe …</source>
        <translation>Install from folder …</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="97"/>
        <source>Installér fra adresse …</source>
        <translation>Install from address …</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="102"/>
        <source>Hentning er slået fra af indstillingerne eller din IT-afdeling.</source>
        <translation>Downloading is turned off by the settings or your IT department.</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="104"/>
        <location filename="../models_window.py" line="318"/>
        <source>Fjern</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="106"/>
        <source>Luk</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="207"/>
        <source>Hent {0} ({1})</source>
        <translation>Get {0} ({1})</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="234"/>
        <source>Startmodellen forstår kun dansk groft. En anbefalet dansk model nedenfor giver langt færre fejl.</source>
        <translation>The starter model understands Danish only roughly. A recommended Danish model below makes far fewer errors.</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="227"/>
        <source>Den valgte danske model er ikke installeret; den bedste installerede bruges.</source>
        <translation>The chosen Danish model is not installed; the best installed one is used.</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="230"/>
        <source>Der er ingen dansk talemodel. Installér en af de anbefalede nedenfor.</source>
        <translation>There is no Danish speech model. Install one of the recommended ones below.</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="241"/>
        <source>dig</source>
        <translation>you</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="241"/>
        <source>IT</source>
        <translation>IT</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="241"/>
        <source>programmet</source>
        <translation>the program</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="250"/>
        <source>Vælg model (.zip)</source>
        <translation>Choose model (.zip)</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="259"/>
        <source>Vælg modelmappe</source>
        <translation>Choose model folder</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="266"/>
        <source>Installér fra adresse</source>
        <translation>Install from address</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="266"/>
        <source>Adresse (https://…):</source>
        <translation>Address (https://…):</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="303"/>
        <source>Installerer …</source>
        <translation>Installing …</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="318"/>
        <source>Fjern modellen {0}?</source>
        <translation>Remove the model {0}?</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="344"/>
        <source>Henter</source>
        <translation>Downloading</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="345"/>
        <source>Kontrollerer</source>
        <translation>Checking</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="346"/>
        <source>Pakker ud</source>
        <translation>Unpacking</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="350"/>
        <source>{0} af {1}</source>
        <translation>{0} of {1}</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="359"/>
        <source>Modellen {0} er installeret.</source>
        <translation>The model {0} is installed.</translation>
    </message>
    <message>
        <location filename="../models_window.py" line="364"/>
        <source>Modellen er fjernet.</source>
        <translation>The model was removed.</translation>
    </message>
</context>
<context>
    <name>ReaderBar</name>
    <message>
        <location filename="../reader_bar.py" line="66"/>
        <location filename="../reader_bar.py" line="67"/>
        <source>Oplæsning</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="78"/>
        <location filename="../reader_bar.py" line="253"/>
        <source>&amp;Afspil</source>
        <translation>&amp;Play</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="80"/>
        <source>&amp;Stop</source>
        <translation>&amp;Stop</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="82"/>
        <source>◀ Fo&amp;rrige</source>
        <translation>◀ P&amp;revious</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="83"/>
        <source>Forrige sætning (venstre pil)</source>
        <translation>Previous sentence (left arrow)</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="85"/>
        <source>&amp;Næste ▶</source>
        <translation>&amp;Next ▶</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="86"/>
        <source>Næste sætning (højre pil)</source>
        <translation>Next sentence (right arrow)</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="88"/>
        <source>&amp;Luk</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="89"/>
        <source>Stop oplæsningen og luk vinduet</source>
        <translation>Stop reading and close the window</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="93"/>
        <source>Far&amp;t:</source>
        <translation>Spee&amp;d:</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="100"/>
        <source>Fart i ord pr. minut</source>
        <translation>Speed in words per minute</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="106"/>
        <source>Låst af IT</source>
        <translation>Locked by IT</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="111"/>
        <source>Farten er bestemt af din IT-afdeling.</source>
        <translation>The speed is set by your IT department.</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="113"/>
        <source>St&amp;emme:</source>
        <translation>Voic&amp;e:</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="118"/>
        <source>Stemme</source>
        <translation>Voice</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="125"/>
        <source>Teksten der læses op</source>
        <translation>The text being read</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="191"/>
        <location filename="../reader_bar.py" line="246"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="246"/>
        <source>F&amp;ortsæt</source>
        <translation>C&amp;ontinue</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="248"/>
        <source>Oplæsningen er sat på pause.</source>
        <translation>Reading is paused.</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="248"/>
        <source>Oplæsningen fortsætter.</source>
        <translation>Reading continues.</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="257"/>
        <source>Oplæsningen er stoppet.</source>
        <translation>Reading stopped.</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="257"/>
        <source>Oplæsningen er færdig.</source>
        <translation>Reading is finished.</translation>
    </message>
    <message>
        <location filename="../reader_bar.py" line="115"/>
        <location filename="../reader_bar.py" line="284"/>
        <source>Automatisk</source>
        <translation>Automatic</translation>
    </message>
</context>
<context>
    <name>ReaderController</name>
    <message>
        <location filename="../typing_echo.py" line="76"/>
        <source>Oplæsning mens du skriver virker ikke her.</source>
        <translation>Reading aloud as you type does not work here.</translation>
    </message>
    <message>
        <location filename="../reading.py" line="174"/>
        <source>Der er ingen tekst at læse op.</source>
        <translation>There is no text to read.</translation>
    </message>
    <message>
        <location filename="../typing_echo.py" line="92"/>
        <source>Det, du skriver i et kodeordsfelt, læses ikke op.</source>
        <translation>What you type in a password field is not read aloud.</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <location filename="../settings_window.py" line="52"/>
        <source>Indstillinger</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="66"/>
        <source>Luk</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="74"/>
        <source>Sprog og tale</source>
        <translation>Language and speech</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="87"/>
        <source>Oplæsning</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="98"/>
        <source>Genveje</source>
        <translation>Shortcuts</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="108"/>
        <source>Klik i feltet og tryk tasterne, fx Ctrl+Alt+D. »Fra« slår genvejen fra.</source>
        <translation>Click the field and press the keys, e.g. Ctrl+Alt+D. “Off” turns the shortcut off.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="110"/>
        <source>Indsættelse</source>
        <translation>Insertion</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="112"/>
        <source>Privatliv</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="113"/>
        <source>Slet al historik nu</source>
        <translation>Delete all history now</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="116"/>
        <source>Udseende</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="158"/>
        <source>Sprog du dikterer på</source>
        <translation>Language you dictate in</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="159"/>
        <source>Sprog i menuer</source>
        <translation>Language of menus</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="160"/>
        <source>Talegenkendelse</source>
        <translation>Speech recognition</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="161"/>
        <source>Model til dansk</source>
        <translation>Model for Danish</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="162"/>
        <source>Model til engelsk</source>
        <translation>Model for English</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="163"/>
        <source>Pause der afslutter en sætning (ms)</source>
        <translation>Pause that ends a sentence (ms)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="164"/>
        <source>Indsæt efter hver sætning</source>
        <translation>Insert after each sentence</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="165"/>
        <location filename="../settings_window.py" line="392"/>
        <source>Mikrofon</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="166"/>
        <source>Oplæsning med</source>
        <translation>Read aloud with</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="167"/>
        <source>Dansk stemme</source>
        <translation>Danish voice</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="168"/>
        <source>Engelsk stemme</source>
        <translation>English voice</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="169"/>
        <source>Fart (ord pr. minut)</source>
        <translation>Speed (words per minute)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="170"/>
        <source>Læs op mens du skriver (i alle programmer)</source>
        <translation>Read aloud as you type (in all programs)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="171"/>
        <source>Skrivehjælp: ordforslag og stavning ved markøren (i alle programmer)</source>
        <translation>Writing help: word suggestions and spelling at the cursor (in all programs)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="172"/>
        <source>Højttaler</source>
        <translation>Loudspeaker</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="173"/>
        <source>Start/stop diktering</source>
        <translation>Start/stop dictation</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="174"/>
        <source>Hold for at tale</source>
        <translation>Hold to talk</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="175"/>
        <source>Læs markering op</source>
        <translation>Read selection aloud</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="176"/>
        <source>Stop oplæsning</source>
        <translation>Stop reading</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="177"/>
        <source>Pause/fortsæt oplæsning</source>
        <translation>Pause/continue reading</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="178"/>
        <source>Næste sætning</source>
        <translation>Next sentence</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="179"/>
        <source>Forrige sætning</source>
        <translation>Previous sentence</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="180"/>
        <source>Indsæt med (rækkefølge)</source>
        <translation>Insert with (order)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="181"/>
        <source>Pause mellem tegn (ms)</source>
        <translation>Pause between characters (ms)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="182"/>
        <source>Programmer der får tekst ved indsæt</source>
        <translation>Programs that get text by pasting</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="183"/>
        <source>Gem historik</source>
        <translation>Keep history</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="184"/>
        <source>Slet historik efter (dage)</source>
        <translation>Delete history after (days)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="185"/>
        <source>Tekststørrelse</source>
        <translation>Text size</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="186"/>
        <source>Linjeafstand (%)</source>
        <translation>Line spacing (%)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="187"/>
        <source>Baggrundsfarve til tekst</source>
        <translation>Background colour for text</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="188"/>
        <source>Vis velkomstguiden ved start</source>
        <translation>Show the welcome guide at start</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="210"/>
        <location filename="../settings_window.py" line="276"/>
        <location filename="../settings_window.py" line="376"/>
        <source>Automatisk</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="221"/>
        <location filename="../settings_window.py" line="457"/>
        <source>Standard</source>
        <translation>Default</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="252"/>
        <source>Låst af din IT-afdeling.</source>
        <translation>Locked by your IT department.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="259"/>
        <source>Gælder efter genstart.</source>
        <translation>Applies after a restart.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="265"/>
        <source>Virker ikke: {0}</source>
        <translation>Does not work: {0}</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="274"/>
        <source>Dansk</source>
        <translation>Danish</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="275"/>
        <source>Engelsk</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="277"/>
        <location filename="../settings_window.py" line="296"/>
        <source>Fra</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="278"/>
        <source>Hvert ord</source>
        <translation>Each word</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="279"/>
        <source>Hver sætning</source>
        <translation>Each sentence</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="281"/>
        <source>Whisper (nøjagtig)</source>
        <translation>Whisper (accurate)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="282"/>
        <source>Vosk (let)</source>
        <translation>Vosk (light)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="283"/>
        <source>NeMo (hurtig)</source>
        <translation>NeMo (fast)</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="297"/>
        <source>Slå {0} fra</source>
        <translation>Turn off {0}</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="308"/>
        <source>Brug Ctrl, Alt eller Windows-tasten sammen med tasten.</source>
        <translation>Use Ctrl, Alt or the Windows key together with the key.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="323"/>
        <source>Gemt.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="406"/>
        <source>Ord</source>
        <translation>Words</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="418"/>
        <source>Slet historik</source>
        <translation>Delete history</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="418"/>
        <source>Slet alle gemte dikteringer?</source>
        <translation>Delete all saved dictations?</translation>
    </message>
    <message>
        <location filename="../settings_window.py" line="435"/>
        <source>{0} dikteringer er slettet.</source>
        <translation>{0} dictations were deleted.</translation>
    </message>
</context>
<context>
    <name>SpecialRows</name>
    <message>
        <location filename="../settings_rows.py" line="33"/>
        <source>Vælg farve …</source>
        <translation>Choose colour …</translation>
    </message>
    <message>
        <location filename="../settings_rows.py" line="36"/>
        <source>Ingen farve</source>
        <translation>No colour</translation>
    </message>
    <message>
        <location filename="../settings_rows.py" line="40"/>
        <source>ingen</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../settings_rows.py" line="44"/>
        <source>Baggrundsfarve</source>
        <translation>Background colour</translation>
    </message>
    <message>
        <location filename="../settings_rows.py" line="64"/>
        <source>Tastetryk (X11)</source>
        <translation>Key presses (X11)</translation>
    </message>
    <message>
        <location filename="../settings_rows.py" line="65"/>
        <source>Indsæt via udklipsholderen</source>
        <translation>Paste via the clipboard</translation>
    </message>
    <message>
        <location filename="../settings_rows.py" line="66"/>
        <source>Tastetryk (Wayland)</source>
        <translation>Key presses (Wayland)</translation>
    </message>
    <message>
        <location filename="../settings_rows.py" line="67"/>
        <source>Tastetryk (Windows)</source>
        <translation>Key presses (Windows)</translation>
    </message>
    <message>
        <location filename="../settings_rows.py" line="68"/>
        <source>Tastetryk (macOS)</source>
        <translation>Key presses (macOS)</translation>
    </message>
    <message>
        <location filename="../settings_rows.py" line="99"/>
        <source>Sæt flueben ved de måder, der må bruges, og træk dem i rækkefølge. Ingen: automatisk.</source>
        <translation>Tick the methods that may be used and drag them into order. None ticked: automatic.</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../main.py" line="88"/>
        <source>Diktér</source>
        <translation>Dictate</translation>
    </message>
    <message>
        <location filename="../main.py" line="89"/>
        <source>Læs markering op</source>
        <translation>Read selection aloud</translation>
    </message>
    <message>
        <location filename="../main.py" line="90"/>
        <source>Åbn panel</source>
        <translation>Open panel</translation>
    </message>
    <message>
        <location filename="../main.py" line="91"/>
        <source>Historik …</source>
        <translation>History …</translation>
    </message>
    <message>
        <location filename="../main.py" line="92"/>
        <source>Indstillinger …</source>
        <translation>Settings …</translation>
    </message>
    <message>
        <location filename="../main.py" line="93"/>
        <source>Modeller …</source>
        <translation>Models …</translation>
    </message>
    <message>
        <location filename="../main.py" line="94"/>
        <source>Diagnose …</source>
        <translation>Diagnostics …</translation>
    </message>
    <message>
        <location filename="../main.py" line="95"/>
        <source>Hjælp</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../main.py" line="96"/>
        <location filename="../main.py" line="417"/>
        <source>Om Assistent</source>
        <translation>About Assistant</translation>
    </message>
    <message>
        <location filename="../main.py" line="97"/>
        <source>Afslut</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../main.py" line="150"/>
        <source>Dikteringer kan ikke gemmes</source>
        <translation>Dictations cannot be saved</translation>
    </message>
    <message>
        <location filename="../main.py" line="154"/>
        <source>Alt, du har dikteret, er nu gemt i historikken.</source>
        <translation>Everything you dictated is now saved in the history.</translation>
    </message>
    <message>
        <location filename="../main.py" line="156"/>
        <source>Dikteringer er gemt</source>
        <translation>Dictations saved</translation>
    </message>
    <message>
        <location filename="../main.py" line="173"/>
        <source>IT-politikken kan ikke bruges. Af hensyn til privatlivet gælder de strengeste indstillinger: historik er slået fra, og modeller kan ikke hentes. Kontakt din IT-afdeling.</source>
        <translation>The IT policy cannot be used. For privacy the strictest settings apply: history is off and models cannot be downloaded. Contact your IT department.</translation>
    </message>
    <message>
        <location filename="../main.py" line="181"/>
        <source>IT-politikken kan ikke bruges</source>
        <translation>The IT policy cannot be used</translation>
    </message>
    <message>
        <location filename="../main.py" line="256"/>
        <source>Assistent – ingen talemodel: {0}</source>
        <translation>Assistant – no speech model: {0}</translation>
    </message>
    <message>
        <location filename="../main.py" line="281"/>
        <source>Assistent – klar</source>
        <translation>Assistant – ready</translation>
    </message>
    <message>
        <location filename="../main.py" line="282"/>
        <source>Assistent – lytter</source>
        <translation>Assistant – listening</translation>
    </message>
    <message>
        <location filename="../main.py" line="283"/>
        <source>Assistent – arbejder …</source>
        <translation>Assistant – working …</translation>
    </message>
    <message>
        <location filename="../main.py" line="284"/>
        <source>Assistent – der er et problem</source>
        <translation>Assistant – there is a problem</translation>
    </message>
    <message>
        <location filename="../main.py" line="288"/>
        <source>Indlæser talemodel …</source>
        <translation>Loading speech model …</translation>
    </message>
    <message>
        <location filename="../main.py" line="290"/>
        <source>IT-politikken kan ikke bruges: historik og download er slået fra</source>
        <translation>The IT policy cannot be used: history and downloads are turned off</translation>
    </message>
    <message>
        <location filename="../main.py" line="292"/>
        <source>Dikteringer kan ikke gemmes nu; de gemmes, når det kan lade sig gøre</source>
        <translation>Dictations cannot be saved now; they are saved as soon as possible</translation>
    </message>
    <message>
        <location filename="../main.py" line="372"/>
        <source>Klik i feltet, hvor teksten skal stå, og tryk Indsæt.</source>
        <translation>Click into the field where the text should go, and press Insert.</translation>
    </message>
    <message>
        <location filename="../main.py" line="418"/>
        <source>Assistent {0}
Diktering, stavehjælp og oplæsning – helt uden internet.</source>
        <translation>Assistant {0}
Dictation, spelling help and reading aloud – entirely offline.</translation>
    </message>
</context>
<context>
    <name>TrayHotkeys</name>
    <message>
        <location filename="../tray_hotkeys.py" line="81"/>
        <source>Genvejstaster</source>
        <translation>Shortcut keys</translation>
    </message>
    <message>
        <location filename="../tray_hotkeys.py" line="82"/>
        <source>Nogle genvejstaster virker ikke:
{0}</source>
        <translation>Some shortcut keys do not work:
{0}</translation>
    </message>
    <message>
        <location filename="../tray_hotkeys.py" line="93"/>
        <source>Stop diktering</source>
        <translation>Stop dictation</translation>
    </message>
    <message>
        <location filename="../tray_hotkeys.py" line="93"/>
        <source>Diktér</source>
        <translation>Dictate</translation>
    </message>
    <message>
        <location filename="../tray_hotkeys.py" line="96"/>
        <source>Læs markering op</source>
        <translation>Read selection aloud</translation>
    </message>
</context>
<context>
    <name>WordsPage</name>
    <message>
        <location filename="../settings_words.py" line="31"/>
        <source>Fagord (ét pr. linje) – hjælper talegenkendelsen:</source>
        <translation>Special terms (one per line) – help speech recognition:</translation>
    </message>
    <message>
        <location filename="../settings_words.py" line="34"/>
        <source>Rettelser (»hørt = skrevet«, én pr. linje):</source>
        <translation>Corrections (“heard = written”, one per line):</translation>
    </message>
    <message>
        <location filename="../settings_words.py" line="37"/>
        <source>Min ordbog (ord stavekontrollen skal kende):</source>
        <translation>My dictionary (words the spell checker should know):</translation>
    </message>
    <message>
        <location filename="../settings_words.py" line="40"/>
        <source>Gem ord</source>
        <translation>Save words</translation>
    </message>
    <message>
        <location filename="../settings_words.py" line="84"/>
        <source>Ordene er gemt.</source>
        <translation>The words are saved.</translation>
    </message>
</context>
<context>
    <name>WritingAssist</name>
    <message>
        <location filename="../writing_assist.py" line="98"/>
        <source>Skrivehjælp virker ikke her.</source>
        <translation>Writing help does not work here.</translation>
    </message>
    <message>
        <location filename="../writing_assist.py" line="219"/>
        <location filename="../writing_assist.py" line="233"/>
        <source>Ordet kunne ikke sættes ind her. Skriv det selv.</source>
        <translation>The word could not be put in here. Type it yourself.</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <location filename="../help.py" line="25"/>
        <source>Hjælp</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../help.py" line="26"/>
        <source>Vejledningen kan ikke åbnes på denne computer. Bed din IT-afdeling om hjælp.</source>
        <translation>The guide cannot be opened on this computer. Ask your IT department for help.</translation>
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
        <location filename="../messages.py" line="81"/>
        <source>Der er ikke markeret noget. Markér teksten, og prøv igen.</source>
        <translation>Nothing is selected. Select the text and try again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="84"/>
        <source>Indstillingen er låst af din IT-afdeling.</source>
        <translation>The setting is locked by your IT department.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="87"/>
        <source>Et andet program bruger allerede tastekombinationen. Vælg en anden.</source>
        <translation>Another program already uses the key combination. Choose another.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="90"/>
        <source>Filen eller mappen findes ikke. Vælg en anden.</source>
        <translation>The file or folder does not exist. Choose another.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="94"/>
        <source>Din IT-afdeling har slået download af modeller fra.</source>
        <translation>Your IT department has turned off model downloads.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="96"/>
        <source>Download af modeller er slået fra i dine indstillinger.</source>
        <translation>Model downloads are turned off in your settings.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="100"/>
        <source>Installationen blev afbrudt. Start den igen for at fortsætte, hvor den slap.</source>
        <translation>The installation was cancelled. Start it again to continue where it stopped.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="104"/>
        <source>Filen er en webside, ikke en model. Hent selve modelfilen, eller bed din IT-afdeling om hjælp.</source>
        <translation>The file is a web page, not a model. Download the model file itself, or ask your IT department for help.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="108"/>
        <source>Disken er fuld. Hentningen eller udpakningen er stoppet; de installerede modeller er uændrede. Gør plads, og prøv igen.</source>
        <translation>The disk is full. The download or unpacking stopped; installed models are unchanged. Make room and try again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="112"/>
        <source>Modellen kunne ikke gemmes. Tjek, at mappen er din, og at disken ikke er skrivebeskyttet.</source>
        <translation>The model could not be saved. Check that the folder is yours and the disk is not read-only.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="116"/>
        <source>Der er ikke plads nok på disken til modellen. Intet er skrevet. Gør plads, og prøv igen.</source>
        <translation>There is not enough room on the disk for the model. Nothing was written. Make room and try again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="120"/>
        <source>Arkivet indeholder et link, en enhed eller en sti uden for modelmappen. Intet er installeret.</source>
        <translation>The archive holds a link, a device or a path outside the model folder. Nothing was installed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="124"/>
        <source>Arkivet er beskadiget eller kan ikke læses. Hent modellen igen.</source>
        <translation>The archive is damaged or cannot be read. Download the model again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="128"/>
        <source>Arkivet pakker sig ud til langt mere, end en model fylder. Intet er installeret.</source>
        <translation>The archive unpacks to far more than a model takes. Nothing was installed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="132"/>
        <source>Arkivet er større, end modellen må fylde. Intet er installeret.</source>
        <translation>The archive is larger than the model may be. Nothing was installed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="136"/>
        <source>Arkivet indeholder for mange filer til at være en model. Intet er installeret.</source>
        <translation>The archive holds too many files to be a model. Nothing was installed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="140"/>
        <source>Arkivet er pakket på en måde, der ikke kan bruges. Pak modelmappen som en almindelig .zip eller .tar.gz.</source>
        <translation>The archive is packed in a way that cannot be used. Pack the model folder as a plain .zip or .tar.gz.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="144"/>
        <source>Modellen bestod ikke kontrollen (SHA-256): filen er beskadiget eller ikke den udgivne. Intet er installeret.</source>
        <translation>The model failed its check (SHA-256): the file is damaged or not the published one. Nothing was installed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="148"/>
        <source>IT-afdelingens kopi af modellerne mangler en af modellens filer. Intet er installeret. Bed din IT-afdeling om hjælp.</source>
        <translation>IT&apos;s copy of the models is missing one of the model&apos;s files. Nothing was installed. Ask your IT department for help.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="152"/>
        <source>IT-afdelingens kopi af modellerne kan ikke læses lige nu. Tjek netværksdrevet, eller bed din IT-afdeling om hjælp.</source>
        <translation>IT&apos;s copy of the models cannot be read right now. Check the network drive, or ask your IT department for help.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="156"/>
        <source>Serveren sendte mere, end modellen må fylde. Hentningen er stoppet og slettet.</source>
        <translation>The server sent more than the model may take. The download was stopped and deleted.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="160"/>
        <source>Serveren afviste hentningen. Tjek adressen, eller bed din IT-afdeling om hjælp.</source>
        <translation>The server refused the download. Check the address, or ask your IT department for help.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="164"/>
        <source>Hentningen gik i stå. Tjek netværket, og prøv igen; den fortsætter, hvor den slap.</source>
        <translation>The download stalled. Check the network and try again; it continues where it stopped.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="168"/>
        <source>Hentningen blev afbrudt. Prøv igen; den fortsætter, hvor den slap.</source>
        <translation>The download was interrupted. Try again; it continues where it stopped.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="172"/>
        <source>Der er allerede en model med det navn. Fjern den først, eller vælg et andet navn.</source>
        <translation>A model with that name already exists. Remove it first, or choose another name.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="176"/>
        <source>Det er ikke en talemodel. Vælg selve modelmappen eller et arkiv af den.</source>
        <translation>That is not a speech model. Choose the model folder itself or an archive of it.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="180"/>
        <source>Modellen skal konverteres, før den kan bruges. Bed din IT-afdeling om hjælp.</source>
        <translation>The model must be converted before it can be used. Ask your IT department for help.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="184"/>
        <source>Disken er fuld, så det kunne ikke gemmes. Frigør plads på disken, og prøv igen.</source>
        <translation>The disk is full, so it could not be saved. Free some space on the disk and try again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="187"/>
        <source>Mappen er skrivebeskyttet, så det kunne ikke gemmes. Bed din IT-afdeling om adgang.</source>
        <translation>The folder is read-only, so it could not be saved. Ask your IT department for access.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="199"/>
        <source>Det kunne ikke gemmes. Tjek, at der er plads på disken, og prøv igen.</source>
        <translation>It could not be saved. Check that there is space on the disk and try again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="202"/>
        <source>Disken er fuld, så dikteringer kan ikke gemmes i historikken. Teksten er ikke tabt: den gemmes, så snart der er plads. Frigør plads på disken.</source>
        <translation>The disk is full, so dictations cannot be saved in the history. The text is not lost: it is saved as soon as there is room. Free some space on the disk.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="207"/>
        <source>Historikken kan ikke gemmes, fordi mappen er skrivebeskyttet. Teksten er ikke tabt, så længe Assistent kører. Bed din IT-afdeling om adgang.</source>
        <translation>The history cannot be saved because the folder is read-only. The text is not lost while Assistant is running. Ask your IT department for access.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="212"/>
        <source>Historikken kan ikke gemmes lige nu. Teksten er ikke tabt: den gemmes, så snart det virker igen.</source>
        <translation>The history cannot be saved right now. The text is not lost: it is saved as soon as that works again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="217"/>
        <source>Det valg kan ikke bruges. Vælg et andet.</source>
        <translation>That choice cannot be used. Choose another.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="220"/>
        <source>En indstilling kan ikke bruges. Ret den i Indstillinger.</source>
        <translation>A setting cannot be used. Correct it in Settings.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="223"/>
        <source>Mikrofonen eller højttaleren kan ikke bruges. Tjek lydindstillingerne.</source>
        <translation>The microphone or loudspeaker cannot be used. Check the sound settings.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="226"/>
        <source>En talemodel eller stemme mangler eller virker ikke. Åbn Modeller i menuen.</source>
        <translation>A speech model or voice is missing or broken. Open Models in the menu.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="229"/>
        <source>Det virker ikke på denne computer. Åbn Diagnose i menuen for at se hvorfor.</source>
        <translation>This does not work on this computer. Open Diagnostics in the menu to see why.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="232"/>
        <source>Teksten kunne ikke indsættes. Den er gemt: prøv igen, eller tryk Kopiér.</source>
        <translation>The text could not be inserted. It is kept: try again, or press Copy.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="235"/>
        <source>Noget kunne ikke gemmes. Tjek, at der er plads på disken.</source>
        <translation>Something could not be saved. Check that there is space on the disk.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="247"/>
        <source>Noget gik galt. Åbn Diagnose i menuen for at se mere.</source>
        <translation>Something went wrong. Open Diagnostics in the menu to see more.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="51"/>
        <source>Feltet er et kodeordsfelt, så teksten blev ikke skrevet ind. Klik i det felt, du mente, og tryk Indsæt igen. Teksten er gemt.</source>
        <translation>The field is a password field, so the text was not typed into it. Click into the field you meant and press Insert again. The text is kept.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="61"/>
        <source>Modelmappen indeholder en genvej ({0}), så intet blev installeret. Kopiér selve filerne til en mappe, og installér den.</source>
        <translation>The model folder holds a link ({0}), so nothing was installed. Copy the files themselves into a folder and install that.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="56"/>
        <source>Udklipsholderen indeholder noget, der ikke kunne gemmes imens, så teksten blev ikke sat ind, og udklipsholderen er urørt. Teksten er gemt: sæt den ind på en anden måde.</source>
        <translation>The clipboard holds something that could not be kept meanwhile, so the text was not pasted and the clipboard is untouched. The text is kept: insert it another way.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="190"/>
        <source>Mappen findes ikke og kan ikke oprettes, så det kunne ikke gemmes. Bed din IT-afdeling om hjælp.</source>
        <translation>The folder does not exist and cannot be created, so it could not be saved. Ask your IT department for help.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="194"/>
        <source>Historikken kan ikke gemmes, fordi mappen ikke findes. Teksten er ikke tabt, så længe Assistent kører. Bed din IT-afdeling om hjælp.</source>
        <translation>History cannot be saved because the folder does not exist. The text is not lost while Assistent runs. Ask your IT department for help.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="71"/>
        <source>En tast blev holdt nede, så intet blev sendt. Slip alle taster, og tryk Indsæt igen. Teksten er gemt.</source>
        <translation>A key was held down, so nothing was sent. Let go of all keys and press Insert again. The text is saved.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="76"/>
        <source>Et andet program holder tastaturet (en menu, en låst skærm eller et fjernskrivebord), så intet blev sendt. Luk det, og tryk Indsæt igen. Teksten er gemt.</source>
        <translation>Another program holds the keyboard (a menu, a locked screen or a remote desktop), so nothing was sent. Close it and press Insert again. The text is saved.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="66"/>
        <source>Intet blev sendt: et andet vindue er aktivt, men teksten står i vinduet »{0}«. Klik i det vindue, og tryk Indsæt igen.</source>
        <translation>Nothing was sent: another window is active, but the text is in the window »{0}«. Click in that window and press Insert again.</translation>
    </message>
</context>
<context>
    <name>notices</name>
    <message>
        <location filename="../notices.py" line="19"/>
        <source>Dine indstillinger kunne ikke læses, så standardindstillingerne bruges. En kopi af filen er gemt, så intet er tabt.</source>
        <translation>Your settings could not be read, so the standard settings are used. A copy of the file was kept, so nothing is lost.</translation>
    </message>
    <message>
        <location filename="../notices.py" line="24"/>
        <source>Dine indstillinger kunne ikke læses, så standardindstillingerne bruges.</source>
        <translation>Your settings could not be read, so the standard settings are used.</translation>
    </message>
    <message>
        <location filename="../launch.py" line="95"/>
        <source>Indstillingerne kunne ikke læses</source>
        <translation>The settings could not be read</translation>
    </message>
</context>
<context>
    <name>run_tray</name>
    <message>
        <location filename="../launch.py" line="56"/>
        <source>Der er ingen statuslinje (system tray) på skrivebordet, så ikonet kan ikke vises.
Brug kommandoerne i en terminal: assistant --help</source>
        <translation>There is no status area (system tray) on the desktop, so the icon cannot be shown.
Use the commands in a terminal: assistant --help</translation>
    </message>
</context>
<context>
    <name>voices</name>
    <message>
        <location filename="../reading.py" line="67"/>
        <source>Dansk</source>
        <translation>Danish</translation>
    </message>
    <message>
        <location filename="../reading.py" line="68"/>
        <source>Engelsk (Storbritannien)</source>
        <translation>English (Great Britain)</translation>
    </message>
    <message>
        <location filename="../reading.py" line="69"/>
        <source>Engelsk (USA)</source>
        <translation>English (America)</translation>
    </message>
</context>
</TS>
