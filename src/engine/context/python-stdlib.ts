/**
 * Top-level module names of the Python standard library, 3.8 through 3.14:
 * an import of one of these is never a third-party dependency.
 *
 * Generated, not hand-written:
 *   python3.11 -c "import sys; print(sorted(sys.stdlib_module_names))"
 * (305 names) united with the names CPython main's Python/stdlib_module_names.h
 * adds (3.12 … 3.14: _colorize, _interpreters, _pyrepl, _sha2, annotationlib …),
 * the modules removed in 3.12 and 3.13 (PEP 594 "dead batteries", distutils,
 * imp, asynchat, asyncore, smtpd, lib2to3) and those removed in 3.9–3.11 that
 * 3.8 code still imports (formatter, parser, symbol, binhex, dummy_threading …).
 * To refresh: run the one-liner above on the newest CPython and add what is new.
 */
export const PYTHON_STDLIB: ReadonlySet<string> = new Set([
  "__future__", "_abc", "_aix_support", "_android_support", "_ast", "_asyncio", "_bisect", "_blake2", "_bootlocale",
  "_bootsubprocess", "_bz2", "_codecs", "_codecs_cn", "_codecs_hk", "_codecs_iso2022", "_codecs_jp", "_codecs_kr",
  "_codecs_tw", "_collections", "_collections_abc", "_colorize", "_compat_pickle", "_compression", "_contextvars",
  "_crypt", "_csv", "_ctypes", "_curses", "_curses_panel", "_datetime", "_dbm", "_decimal", "_dummy_thread",
  "_elementtree", "_frozen_importlib", "_frozen_importlib_external", "_functools", "_gdbm", "_hashlib", "_heapq",
  "_hmac", "_imp", "_interpchannels", "_interpqueues", "_interpreters", "_io", "_ios_support", "_json", "_locale",
  "_lsprof", "_lzma", "_markupbase", "_md5", "_msi", "_multibytecodec", "_multiprocessing", "_opcode",
  "_opcode_metadata", "_operator", "_osx_support", "_overlapped", "_peg_parser", "_pickle", "_posixshmem",
  "_posixsubprocess", "_py_abc", "_pydatetime", "_pydecimal", "_pyio", "_pylong", "_pyrepl", "_queue", "_random",
  "_scproxy", "_sha1", "_sha2", "_sha256", "_sha3", "_sha512", "_signal", "_sitebuiltins", "_socket", "_sqlite3",
  "_sre", "_ssl", "_stat", "_statistics", "_string", "_strptime", "_struct", "_suggestions", "_symtable", "_sysconfig",
  "_thread", "_threading_local", "_tkinter", "_tokenize", "_tracemalloc", "_typing", "_uuid", "_warnings", "_weakref",
  "_weakrefset", "_winapi", "_wmi", "_xxsubinterpreters", "_zoneinfo", "abc", "aifc", "annotationlib", "antigravity",
  "argparse", "array", "ast", "asynchat", "asyncio", "asyncore", "atexit", "audioop", "base64", "bdb", "binascii",
  "binhex", "bisect", "builtins", "bz2", "cProfile", "calendar", "cgi", "cgitb", "chunk", "cmath", "cmd", "code",
  "codecs", "codeop", "collections", "colorsys", "compileall", "concurrent", "configparser", "contextlib",
  "contextvars", "copy", "copyreg", "crypt", "csv", "ctypes", "curses", "dataclasses", "datetime", "dbm", "decimal",
  "difflib", "dis", "distutils", "doctest", "dummy_threading", "email", "encodings", "ensurepip", "enum", "errno",
  "faulthandler", "fcntl", "filecmp", "fileinput", "fnmatch", "formatter", "fractions", "ftplib", "functools", "gc",
  "genericpath", "getopt", "getpass", "gettext", "glob", "graphlib", "grp", "gzip", "hashlib", "heapq", "hmac", "html",
  "http", "idlelib", "imaplib", "imghdr", "imp", "importlib", "inspect", "io", "ipaddress", "itertools", "json",
  "keyword", "lib2to3", "linecache", "locale", "logging", "lzma", "mailbox", "mailcap", "marshal", "math", "mimetypes",
  "mmap", "modulefinder", "msilib", "msvcrt", "multiprocessing", "netrc", "nis", "nntplib", "nt", "ntpath",
  "nturl2path", "numbers", "opcode", "operator", "optparse", "os", "ossaudiodev", "parser", "pathlib", "pdb", "pickle",
  "pickletools", "pipes", "pkgutil", "platform", "plistlib", "poplib", "posix", "posixpath", "pprint", "profile",
  "pstats", "pty", "pwd", "py_compile", "pyclbr", "pydoc", "pydoc_data", "pyexpat", "queue", "quopri", "random", "re",
  "readline", "reprlib", "resource", "rlcompleter", "runpy", "sched", "secrets", "select", "selectors", "shelve",
  "shlex", "shutil", "signal", "site", "smtpd", "smtplib", "sndhdr", "socket", "socketserver", "spwd", "sqlite3",
  "sre_compile", "sre_constants", "sre_parse", "ssl", "stat", "statistics", "string", "stringprep", "struct",
  "subprocess", "sunau", "symbol", "symtable", "sys", "sysconfig", "syslog", "tabnanny", "tarfile", "telnetlib",
  "tempfile", "termios", "textwrap", "this", "threading", "time", "timeit", "tkinter", "token", "tokenize", "tomllib",
  "trace", "traceback", "tracemalloc", "tty", "turtle", "turtledemo", "types", "typing", "unicodedata", "unittest",
  "urllib", "uu", "uuid", "venv", "warnings", "wave", "weakref", "webbrowser", "winreg", "winsound", "wsgiref",
  "xdrlib", "xml", "xmlrpc", "zipapp", "zipfile", "zipimport", "zlib", "zoneinfo",
]);

/**
 * Modules that ship with CPython's source tree but are left out of
 * sys.stdlib_module_names: the test package and the C test/extension modules
 * of Tools/build/generate_stdlib_module_names.py's IGNORE list.
 */
export const PYTHON_STDLIB_TEST_MODULES: ReadonlySet<string> = new Set([
  "__hello__", "__phello__", "_ctypes_test", "_testbuffer", "_testcapi", "_testclinic", "_testclinic_limited",
  "_testconsole", "_testexternalinspection", "_testimportmultiple", "_testinternalcapi", "_testlimitedcapi",
  "_testmultiphase", "_testsinglephase", "_xxinterpchannels", "_xxinterpqueues", "_xxtestfuzz", "test", "xxlimited",
  "xxlimited_35", "xxsubtype",
]);

/**
 * Python 2 standard modules. Code that supports both lines imports them in a
 * try/except or a version check; they are never a PyPI distribution.
 */
export const PYTHON2_STDLIB: ReadonlySet<string> = new Set([
  "__builtin__", "anydbm", "BaseHTTPServer", "CGIHTTPServer", "commands", "ConfigParser", "Cookie", "cookielib",
  "copy_reg", "cPickle", "cStringIO", "dbhash", "dircache", "DocXMLRPCServer", "dumbdbm", "dummy_thread", "exceptions",
  "future_builtins", "gdbm", "htmlentitydefs", "HTMLParser", "httplib", "markupbase", "md5", "mhlib", "mimetools",
  "MimeWriter", "mimify", "multifile", "mutex", "new", "popen2", "posixfile", "Queue", "repr", "rfc822", "robotparser",
  "ScrolledText", "sets", "sgmllib", "sha", "SimpleDialog", "SimpleHTTPServer", "SimpleXMLRPCServer", "SocketServer",
  "statvfs", "StringIO", "thread", "Tix", "tkColorChooser", "tkCommonDialog", "Tkconstants", "Tkdnd", "tkFileDialog",
  "tkFont", "Tkinter", "tkMessageBox", "tkSimpleDialog", "ttk", "urllib2", "urlparse", "UserDict", "UserList",
  "UserString", "whichdb", "xmlrpclib",
]);
