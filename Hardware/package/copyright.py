#!/usr/bin/env python3
"""Writes the package's copyright file: Snapcue's own notice, then every Swift package
the build resolved (Package.resolved) with its licence text from its checkout, then the
Swift runtime's. Statically linked code carries its licences with it.

usage: copyright.py PACKAGE_RESOLVED CHECKOUTS_DIR SWIFT_LICENSE_FILE > copyright
"""
import json
import os
import sys

HEADER = """snapcue: a reactive-drill cue and timing engine for gym stations.

Copyright: the Snapcue developers.
Licence: the product owner has not chosen a licence for Snapcue itself yet;
until one is chosen, all rights are reserved.

The snapcue binary is statically linked with the Swift standard library,
Foundation and the Swift packages below, each under its own licence, which
follows in full. Foundation includes ICU's data and code, under the
Unicode License v3 (https://www.unicode.org/license.txt).
"""


LIBYAML = """libyaml (vendored by Yams as CYaml, compiled into snapcue): MIT
Copyright (c) 2017-2020 Ingy döt Net
Copyright (c) 2006-2016 Kirill Simonov

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE."""


def read_first(checkout, names):
    for name in names:
        path = os.path.join(checkout, name)
        if os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                return f.read().strip()
    return None


def licence_text(checkout):
    """The checkout's licence, and its NOTICE (Apache-2.0 section 4(d) asks that it travel with the code)."""
    licence = read_first(checkout, ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "COPYING"))
    if licence is not None:
        notice = read_first(checkout, ("NOTICE", "NOTICE.txt", "NOTICE.md"))
        return shortened(licence) + ("\n\nNOTICE:\n" + notice if notice else "")
    sys.exit(f"copyright.py: no licence file in {checkout}: the package cannot say under what terms it ships it")


APACHE_END = "limitations under the License."


def shortened(text):
    """Debian ships the Apache-2.0 text once (/usr/share/common-licenses): point there, keeping
    whatever a package adds after it (Swift's Runtime Library Exception)."""
    if "Apache License" not in text or "TERMS AND CONDITIONS FOR USE" not in text or APACHE_END not in text:
        return text
    extra = text[text.rindex(APACHE_END) + len(APACHE_END):].strip()
    pointer = "Apache-2.0: see /usr/share/common-licenses/Apache-2.0 on Debian systems."
    return pointer + ("\n\n" + extra if extra else "")


def section(title, text):
    body = "\n".join(" " + line if line.strip() else " ." for line in text.splitlines())
    return f"\n{title}\n{body}\n"


def main():
    resolved, checkouts, swift_licence = sys.argv[1:4]
    with open(resolved) as f:
        pins = sorted(json.load(f)["pins"], key=lambda pin: pin["identity"])
    out = [HEADER]
    with open(swift_licence, encoding="utf-8") as f:
        out.append(section("Swift standard library and Foundation (swift.org): Apache-2.0 with the Runtime Library Exception", shortened(f.read().strip())))
    for pin in pins:
        folder = os.path.join(checkouts, os.path.basename(pin["location"]).removesuffix(".git"))
        if not os.path.isdir(folder):
            continue  # not checked out for this build
        version = pin["state"].get("version") or pin["state"].get("revision", "")[:12]
        out.append(section(f"{pin['identity']} {version} ({pin['location']})", licence_text(folder)))
    title, text = LIBYAML.split("\n", 1)
    out.append(section(title, text.strip()))
    sys.stdout.write("".join(out))


main()
