#!/usr/bin/python3
"""Run Reclass 1.7 (Debian package) on one inventory and print JSON.

Usage: /usr/bin/python3 reclass-oracle.py [--inventory] <inventory-dir>

Default: {"nodes": {<node>: {"ok": true, "result": <nodeinfo>, "warnings": [...]}
                    | {"ok": false, "type": <exception class>, "message": <text>,
                       "warnings": [...]}}}
--inventory: {"inventory": <core.inventory()>} or {"inventory_error": {...}}
A storage failure (duplicate node/class names, ...): {"storage_error": {...}}.
__reclass__.timestamp is removed everywhere; the exit code is always 0.
"""
import collections
import collections.abc
collections.Iterable = collections.abc.Iterable  # reclass 1.7 on Python >= 3.10

import contextlib
import io
import json
import os
import resource
import sys

USAGE = 'usage: reclass-oracle.py [--inventory] <inventory-dir>'


def error_info(e):
    from reclass.errors import ReclassException
    msg = e.message if isinstance(e, ReclassException) else str(e)
    return {'type': type(e).__name__, 'message': msg}


def plain(value):
    """Make the result JSON-safe: keys via str() (Python spelling, True ->
    'True'), values json can't encode (dates) via str()."""
    if isinstance(value, dict):
        return {k if isinstance(k, str) else str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


def lines(text):
    return [l for l in text.splitlines() if l.strip()]


def main(argv):
    args = [a for a in argv if a != '--inventory']
    if len(args) != 1:
        print(USAGE, file=sys.stderr)
        return 2
    inventory_mode = len(args) != len(argv)
    os.chdir(args[0])
    sys.setrecursionlimit(3000)  # include/reference cycles fail fast
    # YAML alias bombs make 1.7 eat all memory: cap it (MemoryError instead).
    mem = int(os.environ.get('ORACLE_MEM_MB', '2048')) << 20
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))

    # Imported after chdir: reclass.defaults captures os.getcwd() at import time.
    from reclass import get_storage
    from reclass.core import Core
    from reclass.settings import Settings
    from reclass.config import find_and_read_configfile, get_options
    from reclass.defaults import OPT_NO_REFS, OPT_PRETTY_PRINT, OPT_OUTPUT
    from reclass.version import RECLASS_NAME, VERSION, DESCRIPTION

    def build():
        # Same steps as reclass/cli.py main() for `reclass -b . --inventory`.
        # The config file is read from the inventory dir only (cli.py also
        # looks in ~, /etc/reclass and the script's dir), to stay hermetic.
        defaults = {'no_refs': OPT_NO_REFS, 'pretty_print': OPT_PRETTY_PRINT,
                    'output': OPT_OUTPUT}
        defaults.update(find_and_read_configfile(dirs=[os.getcwd()]) or {})
        saved_argv = sys.argv
        sys.argv = [RECLASS_NAME, '-b', '.', '--inventory']
        try:
            options = get_options(RECLASS_NAME, VERSION, DESCRIPTION, defaults=defaults)
        finally:
            sys.argv = saved_argv
        storage = get_storage(options.storage_type, options.nodes_uri,
                              options.classes_uri, options.compose_node_name)
        class_mappings = defaults.get('class_mappings')
        defaults.update(vars(options))
        return storage, Core(storage, class_mappings, Settings(defaults))

    try:
        storage, core = build()
        nodes = sorted(storage.enumerate_nodes())
    except BaseException as e:
        return emit({'storage_error': error_info(e)})

    if inventory_mode:
        try:
            inv = core.inventory()
            inv.pop('__reclass__', None)
            for info in inv.get('nodes', {}).values():
                info['__reclass__'].pop('timestamp', None)
            return emit({'inventory': inv})
        except BaseException as e:
            return emit({'inventory_error': error_info(e)})

    out = {}
    for node in nodes:
        # A fresh storage + Core per node, like one `reclass --nodeinfo` run
        # (a shared Core shares cached class objects between nodes).
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            try:
                info = build()[1].nodeinfo(node)
                info['__reclass__'].pop('timestamp', None)
                entry = {'ok': True, 'result': info}
            except BaseException as e:
                entry = dict({'ok': False}, **error_info(e))
        entry['warnings'] = lines(err.getvalue())
        out[node] = entry
    return emit({'nodes': out})


def emit(doc):
    print(json.dumps(plain(doc), indent=2, sort_keys=True))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
