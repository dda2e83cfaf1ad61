#!/usr/bin/env python3
"""check_docs.py SRC - what README.md and docs/ name must exist in the code.

1. Every sash_* / SASH_* name the docs call as a function (`name(`) is
   declared in include/*.h or is a CMake function of cmake/*.cmake; every
   other sash_* / SASH_* name (a type, a macro, an environment variable, a
   CMake option) occurs somewhere in the sources.  A name ending in `_` is
   a family (`sash_window_*`).  sash__ / SASH__ names are internal and
   checked like the others (they must exist in src/).
2. Every `import {...} from '@sash/<pkg>[/<module>]'` in a ts/js/tsx code
   block names an exported subpath, and each imported name is exported by
   that module's source.
3. A code block that imports from a @sash module and calls (`name(`) another
   export of that same module imports it too (an example that does not run
   as shown otherwise).
4. Every file or folder of the tree the docs name in backquotes (`src/...`,
   `tests/...`, ...) exists: files move, docs stay behind.

Exit 1 with one line per problem (file:line: what).
"""
import os
import re
import sys

src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..')
src = os.path.abspath(src)

# Names the docs mention on purpose as designs that were not taken.
NOT_IN_CODE = {'SASH_FIELD', 'sash_menu_append'}

def read(p):
    with open(p, encoding='utf-8', errors='replace') as f:
        return f.read()

docs = [os.path.join(src, 'README.md')]
for root, _, files in os.walk(os.path.join(src, 'docs')):
    docs += [os.path.join(root, f) for f in sorted(files) if f.endswith('.md')]

headers = ''.join(read(os.path.join(src, 'include', f))
                  for f in os.listdir(os.path.join(src, 'include')) if f.endswith('.h'))
cmake_fns = set()
for f in os.listdir(os.path.join(src, 'cmake')):
    if f.endswith('.cmake') or f.endswith('.in'):
        cmake_fns |= set(re.findall(r'^\s*(?:function|macro)\(\s*(\w+)', read(os.path.join(src, 'cmake', f)), re.M))

code_words = set()
skip_dirs = {'node_modules', 'dist', '.git', 'build', 'docs', 'results'}
exts = ('.c', '.h', '.js', '.mjs', '.ts', '.tsx', '.vue', '.cmake', '.txt', '.sh', '.py', '.in', '.json', '.html')
for top in ('include', 'src', 'cli', 'cmake', 'tools', 'tests', 'templates', 'scripts', 'examples', 'bench', 'js'):
    for root, dirs, files in os.walk(os.path.join(src, top)):
        dirs[:] = [d for d in dirs if d not in skip_dirs and not d.startswith('build')]
        for f in files:
            if f.endswith(exts) or '.' not in f:
                try:
                    code_words |= set(re.findall(r'\b(?:sash|SASH)_\w*', read(os.path.join(root, f))))
                except OSError:
                    pass
code_words |= set(re.findall(r'\b(?:sash|SASH)_\w*', read(os.path.join(src, 'CMakeLists.txt'))))
header_words = set(re.findall(r'\b(?:sash|SASH)_\w+', headers))

problems = []

def where(path, text, pos):
    return '%s:%d' % (os.path.relpath(path, src), text.count('\n', 0, pos) + 1)

for path in docs:
    text = read(path)
    for m in re.finditer(r'\b((?:sash|SASH)_\w*)(\s*\()?', text):
        name, call = m.group(1), m.group(2)
        if name in NOT_IN_CODE:
            continue
        if name.endswith('_'):
            if not any(w.startswith(name) and w != name for w in code_words):
                problems.append('%s: no name in the code starts with %s' % (where(path, text, m.start()), name))
            continue
        if call and name.islower() and not name.startswith('sash__'):
            if name not in header_words and name not in cmake_fns:
                problems.append('%s: %s() is declared in no public header and is no CMake function'
                                % (where(path, text, m.start()), name))
        elif name not in code_words:
            problems.append('%s: %s occurs nowhere in the code' % (where(path, text, m.start()), name))

# -- Files the docs name (`src/...`, `tests/...`): they exist --------------
# Paths of an app made by `sash create` (src/App.vue), made by npm ci, of a package's own
# folder, or of backends not written yet, which the docs name on purpose.
NOT_IN_TREE = {'src/App.vue', 'src/sash-types.d.ts', 'src/generated/', 'js/node_modules',
               'src/platform/cocoa/', 'src/platform/webview2/'}
for path in docs:
    text = read(path)
    for m in re.finditer(r'`((?:src|tests|tools|cli|cmake|scripts|examples|bench|js|templates|include)/[A-Za-z0-9_./-]*)`', text):
        p = m.group(1)
        if p in NOT_IN_TREE or '*' in p:
            continue
        if not os.path.exists(os.path.join(src, p)):
            problems.append('%s: %s does not exist' % (where(path, text, m.start()), p))

# -- JS: the @sash packages' exports ---------------------------------------
pkgs = {}
js_root = os.path.join(src, 'js', 'packages')
for pkg in os.listdir(js_root):
    srcdir = os.path.join(js_root, pkg, 'src')
    if not os.path.isdir(srcdir):
        continue
    for f in os.listdir(srcdir):
        if not (f.endswith('.ts') or f.endswith('.tsx')) or f.endswith('.d.ts'):
            continue
        mod = '@sash/' + pkg + ('' if f.split('.')[0] == 'index' else '/' + f.split('.')[0])
        t = read(os.path.join(srcdir, f))
        names = set(re.findall(r'^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|type|interface|enum|abstract\s+class)\s+(\w+)', t, re.M))
        for grp in re.findall(r'^export\s+(?:type\s+)?\{([^}]*)\}', t, re.M):
            for part in grp.split(','):
                part = part.strip()
                if part:
                    names.add(re.split(r'\s+as\s+', part)[-1].replace('type ', '').strip())
        pkgs[mod] = names

for path in docs:
    text = read(path)
    for m in re.finditer(r'^\s*```(ts|tsx|js|javascript|typescript)\s*\n(.*?)^\s*```', text, re.M | re.S):
        block, start = m.group(2), m.start(2)
        imported = {}
        for im in re.finditer(r'import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+[\'"](@sash/[\w/-]+)[\'"]', block):
            mod = im.group(2)
            if mod not in pkgs:
                problems.append('%s: %s is not a module of the @sash packages'
                                % (where(path, text, start + im.start()), mod))
                continue
            names = [re.split(r'\s+as\s+', n.strip())[0].replace('type ', '').strip()
                     for n in im.group(1).split(',') if n.strip()]
            for n in names:
                if n not in pkgs[mod]:
                    problems.append('%s: %s does not export %s'
                                    % (where(path, text, start + im.start()), mod, n))
            imported.setdefault(mod, set()).update(names)
        all_imported = set().union(*imported.values()) if imported else set()
        declared = set(re.findall(r'(?:function|const|let|var|class)\s+(\w+)', block))
        for mod in imported:
            for n in sorted(pkgs[mod] - all_imported - declared):
                if re.search(r'(?<![\w.])%s\s*\(' % re.escape(n), block):
                    problems.append('%s: the example calls %s() of %s without importing it'
                                    % (where(path, text, start), n, mod))

for p in problems:
    print(p)
print('%d problem(s) in %d files' % (len(problems), len(docs)))
sys.exit(1 if problems else 0)
