"""Runs inside xterm: reads the terminal's input unbuffered and appends it to a file.

Usage (as xterm's -e program): python3 tty_reader.py OUT_FILE. The terminal is put in cbreak
mode without echo: Return arrives as a line feed (ICRNL), Tab as a tab, and every byte the
terminal sends is written out, so the file holds exactly what was typed.
"""

import os
import sys
import termios
import tty


def main():
    out = sys.argv[1]
    fd = sys.stdin.fileno()
    tty.setcbreak(fd)
    attrs = termios.tcgetattr(fd)
    attrs[3] &= ~(termios.ECHO | termios.ISIG | termios.IEXTEN)
    attrs[0] &= ~termios.IXON
    termios.tcsetattr(fd, termios.TCSANOW, attrs)
    with open(out, "wb", buffering=0) as fh:
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        while True:
            data = os.read(fd, 65536)
            if not data:
                break
            fh.write(data)


if __name__ == "__main__":
    main()
