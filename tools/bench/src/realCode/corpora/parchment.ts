import type { RealCorpus } from '../RealCorpus';

const SRC = 'parchment/src';
const REGISTRY = `${SRC}/registry.ts`;
const LIST = `${SRC}/collection/linked-list.ts`;
const SCROLL = `${SRC}/blot/scroll.ts`;
const TEXT = `${SRC}/blot/text.ts`;
const LEAF = `${SRC}/blot/abstract/leaf.ts`;
const SHADOW = `${SRC}/blot/abstract/shadow.ts`;
const PARENT = `${SRC}/blot/abstract/parent.ts`;
const BLOCK = `${SRC}/blot/block.ts`;
const INLINE = `${SRC}/blot/inline.ts`;
const STORE = `${SRC}/attributor/store.ts`;

/**
 * The parchment corpus: the TypeScript sources parchment 3 (Quill's document model) ships in its
 * package (`src/`), type-checked as its own tsconfig does (strict, the DOM library, class fields declared as in its ES2015 target). Its marks are
 * the registry and scroll lookups that return null when no blot or definition matches, the linked
 * list's `at`/`indexOf`/`offset` (null or -1 when the node is not there), the leaves' `index`
 * (-1 when the DOM node is not inside the blot), and the blots' `split` (null when nothing follows).
 */
export const parchment: RealCorpus = {
  name: 'parchment',
  packages: [{ name: 'parchment', version: '3.0.0' }],
  tsconfig: {
    compilerOptions: {
      target: 'es2022',
      lib: ['es2022', 'dom', 'dom.iterable'],
      module: 'esnext',
      moduleResolution: 'bundler',
      types: [],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      useDefineForClassFields: false,
    },
    include: [SRC],
  },
  marks: [
    { file: REGISTRY, name: 'Registry.query', type: 'EI_TYPE_NULL', why: 'returns null when no attributor or blot definition matches the query at the scope' },
    { file: SCROLL, name: 'ScrollBlot.find', type: 'EI_TYPE_NULL', why: 'returns null when no blot of this scroll stands for the DOM node' },
    { file: SCROLL, name: 'ScrollBlot.query', type: 'EI_TYPE_NULL', why: 'the registry\'s query: null when nothing matches' },
    { file: LIST, name: 'LinkedList.at', type: 'EI_TYPE_NULL', why: 'returns null when the index is past the end of the list' },
    { file: LIST, name: 'LinkedList.indexOf', type: 'EI_TYPE_ERRNO', why: 'returns -1 when the node is not in the list' },
    { file: LIST, name: 'LinkedList.offset', type: 'EI_TYPE_ERRNO', why: 'returns -1 when the target is not in the list' },
    { file: TEXT, name: 'TextBlot.index', type: 'EI_TYPE_ERRNO', why: 'returns -1 when the DOM node is not this text node' },
    { file: LEAF, name: 'LeafBlot.index', type: 'EI_TYPE_ERRNO', why: 'returns -1 when the DOM node is not inside this leaf' },
    { file: SHADOW, name: 'ShadowBlot.split', type: 'EI_TYPE_NULL', why: 'returns this.next, null when nothing follows the split point' },
    { file: PARENT, name: 'ParentBlot.split', type: 'EI_TYPE_NULL', why: 'returns this.next at the end, null when nothing follows' },
    { file: TEXT, name: 'TextBlot.split', type: 'EI_TYPE_NULL', why: 'returns this.next at the end, null when nothing follows' },
  ],
  sites: [
    { file: REGISTRY, line: 50, callee: 'query', handled: true, reason: 'if (match == null) throw ParchmentError before match is used as a blot class' },
    { file: STORE, line: 46, callee: 'query', handled: true, reason: 'attr used only under attr instanceof Attributor: null is not an Attributor' },
    { file: SHADOW, line: 96, callee: 'query', handled: true, reason: 'compared != null: null takes the else branch' },
    { file: SHADOW, line: 98, callee: 'query', handled: true, reason: 'compared != null: null formats nothing' },
    { file: SHADOW, line: 111, callee: 'split', handled: true, reason: 'ref || undefined passed to insertBefore(refBlot?: Blot | null): null means append at the end' },
    { file: SHADOW, line: 116, callee: 'split', handled: true, reason: "if (target == null) throw 'Attempt to isolate at end' before target is used" },
    { file: SHADOW, line: 120, callee: 'split', handled: false, reason: 'result discarded: a failed split of the isolated target goes unseen and isolate returns it unsplit' },
    { file: SHADOW, line: 132, callee: 'offset', handled: false, reason: '-1 (not among its parent\'s children) is added to the parent\'s offset as a position' },
    { file: PARENT, line: 8, callee: 'find', handled: true, reason: 'if (found) return found: null falls through to create the blot' },
    { file: PARENT, line: 308, callee: 'split', handled: true, reason: 'if (split != null) before appendChild(split)' },
    { file: PARENT, line: 359, callee: 'find', handled: true, reason: 'if (blot == null) return before blot.domNode is read' },
    { file: PARENT, line: 386, callee: 'find', handled: true, reason: 'kept in refBlot: Blot | null, compared with blot.next and passed as refBlot || undefined (append)' },
    { file: INLINE, line: 41, callee: 'query', handled: true, reason: 'match != null && ... before match is read' },
    { file: INLINE, line: 72, callee: 'query', handled: true, reason: 'if (format == null) return before format is used' },
    { file: INLINE, line: 104, callee: 'query', handled: true, reason: 'used only as an if condition (truthiness): null takes the else branch' },
    { file: BLOCK, line: 29, callee: 'query', handled: true, reason: 'match != null && ... before match is read' },
    { file: BLOCK, line: 50, callee: 'query', handled: true, reason: 'if (format == null) return before format is used' },
    { file: BLOCK, line: 80, callee: 'query', handled: true, reason: 'compared != null: null takes the else branch (super.formatAt)' },
    { file: BLOCK, line: 88, callee: 'query', handled: true, reason: 'compared != null: null takes the else branch' },
    { file: BLOCK, line: 92, callee: 'split', handled: true, reason: "if (after != null) ... else throw 'Attempt to insertAt after block boundaries'" },
    { file: SCROLL, line: 54, callee: 'find', handled: true, reason: 'returned by find itself (Blot | null, marked NULL): passed on' },
    { file: SCROLL, line: 61, callee: 'query', handled: true, reason: 'returned by ScrollBlot.query (RegistryDefinition | null, marked NULL): passed on' },
    { file: SCROLL, line: 152, callee: 'find', handled: true, reason: 'if (blot == null) return before blot.domNode is read' },
    { file: SCROLL, line: 158, callee: 'find', handled: true, reason: 'passed to mark(blot: Blot | null), which returns at blot == null' },
    { file: SCROLL, line: 160, callee: 'find', handled: true, reason: 'child passed to mark(Blot | null), which checks null, and used only under instanceof ParentBlot' },
    { file: SCROLL, line: 191, callee: 'find', handled: true, reason: 'if (blot == null) return null before blot.domNode is read' },
  ],
  mutants: [
    { id: 'pc-wrong-type-ScrollBlot.query', kind: 'wrong type', file: SCROLL, find: '@AllowErrorInjection(EI_TYPE_NULL) public query(', replace: '@AllowErrorInjection(EI_TYPE_ERRNO) public query(', expect: [{ rule: 'ei/type-mismatch', line: 57 }] },
    { id: 'pc-wrong-type-LinkedList.indexOf', kind: 'wrong type', file: LIST, find: '@AllowErrorInjection(EI_TYPE_ERRNO) public indexOf(', replace: '@AllowErrorInjection(EI_TYPE_NULL) public indexOf(', expect: [{ rule: 'ei/type-mismatch', line: 44 }] },
    { id: 'pc-state-ScrollBlot.find', kind: 'state before error', file: SCROLL, find: '    const blot = this.registry.find(node, bubble);\n    if (!blot) {', replace: '    this.uiNode = null; const blot = this.registry.find(node, bubble);\n    if (!blot) {', expect: [{ rule: 'ei/state-before-error', line: 47 }] },
    { id: 'pc-state-ParentBlot.split', kind: 'state before error', file: PARENT, find: 'Blot | null {\n    if (!force) {', replace: 'Blot | null {\n    this.uiNode = null; if (!force) {', expect: [{ rule: 'ei/state-before-error', line: 295 }] },
    { id: 'pc-state-Registry.query', kind: 'state before error', file: REGISTRY, find: '    let match;\n', replace: '    this.tags = {}; let match;\n', expect: [{ rule: 'ei/state-before-error', line: 74 }] },
    { id: 'pc-captured-ScrollBlot.find', kind: 'other', file: SCROLL, find: '        const blot = this.find(mutation.target, true);\n        if (blot == null) {\n          return;', replace: '        const find = this.find; const blot = this.find(mutation.target, true);\n        if (blot == null) {\n          return;', expect: [{ rule: 'ei/captured-method', line: 152 }] },

    { id: 'pc-remove-check-registry-create', kind: 'check removed', file: REGISTRY, find: '    if (match == null) {\n      throw new ParchmentError(`Unable to create ${input} blot`);\n    }', replace: '    // an unknown input is taken as a blot class all the same\n\n', expect: [{ rule: 'ei/unchecked-call', line: 50 }] },
    { id: 'pc-falsy-isolate', kind: 'equivalent rewrite', file: SHADOW, find: "    if (target == null) {\n      throw new Error('Attempt to isolate at end');", replace: "    if (!target) {\n      throw new Error('Attempt to isolate at end');", expect: [] },
    { id: 'pc-remove-check-parent-update', kind: 'check removed', file: PARENT, find: '      const blot = this.scroll.find(node);\n      if (blot == null) {\n        return;\n      }\n      if (\n        blot.domNode.parentNode == null ||\n        blot.domNode.parentNode === this.domNode', replace: '      const blot = this.scroll.find(node)!;\n\n\n\n      if (\n        blot.domNode.parentNode == null ||\n        blot.domNode.parentNode === this.domNode', expect: [{ rule: 'ei/unchecked-call', line: 359 }] },
    { id: 'pc-not-null-makeAttachedBlot', kind: 'equivalent rewrite', file: PARENT, find: '  if (found) return found;', replace: '  if (found !== null) return found;', expect: [] },
    { id: 'pc-remove-check-block-insertAt', kind: 'check removed', file: BLOCK, find: '      if (after != null) {\n        const blot = this.scroll.create(value, def);\n        after.parent.insertBefore(blot, after);', replace: '      if (def) {\n        const blot = this.scroll.create(value, def);\n        after!.parent.insertBefore(blot, after!);', expect: [{ rule: 'ei/unchecked-call', line: 92 }] },
    { id: 'pc-remove-check-block-format', kind: 'check removed', file: BLOCK, find: '    if (format == null) {\n      return;\n    } else if (format instanceof Attributor) {\n      this.attributes.attribute(format, value);', replace: "    if (name == null) {\n      return;\n    } else if (typeof format !== 'function') {\n      this.attributes.attribute(format as Attributor, value);", expect: [{ rule: 'ei/unchecked-call', line: 50 }] },
    { id: 'pc-remove-check-inline-formats', kind: 'check removed', file: INLINE, find: '    const match = scroll.query(InlineBlot.blotName);\n    if (\n      match != null &&\n      domNode.tagName === (match as BlotConstructor).tagName', replace: '    const match = scroll.query(InlineBlot.blotName);\n    if (\n      \n      domNode.tagName === (match as BlotConstructor).tagName', expect: [{ rule: 'ei/unchecked-call', line: 41 }] },
    { id: 'pc-remove-check-scroll-update', kind: 'check removed', file: SCROLL, find: '        const blot = this.find(mutation.target, true);\n        if (blot == null) {\n          return null;\n        }', replace: '        const blot = this.find(mutation.target, true)!;\n\n\n', expect: [{ rule: 'ei/unchecked-call', line: 191 }] },
    { id: 'pc-optional-chain-store-build', kind: 'equivalent rewrite', file: STORE, find: '        if (attr instanceof Attributor) {', replace: '        if (attr?.constructor && attr instanceof Attributor) {', expect: [] },
    { id: 'pc-falsy-inline-format', kind: 'equivalent rewrite', file: INLINE, find: '      const format = this.scroll.query(name, Scope.INLINE);\n      if (format == null) {', replace: '      const format = this.scroll.query(name, Scope.INLINE);\n      if (!format) {', expect: [] },
    { id: 'pc-truthy-parent-split', kind: 'equivalent rewrite', file: PARENT, find: '      const split = child.split(offset, force);\n      if (split != null) {', replace: '      const split = child.split(offset, force);\n      if (split) {', expect: [] },
    { id: 'pc-nullish-shadow-insertAt', kind: 'equivalent rewrite', file: SHADOW, find: '    this.parent.insertBefore(blot, ref || undefined);', replace: '    this.parent.insertBefore(blot, ref ?? undefined);', expect: [] },
    { id: 'pc-strict-null-shadow-formatAt', kind: 'equivalent rewrite', file: SHADOW, find: '    if (this.scroll.query(name, Scope.BLOT) != null && value) {', replace: '    if (this.scroll.query(name, Scope.BLOT) !== null && value) {', expect: [] },
    { id: 'pc-truthy-block-formatAt', kind: 'equivalent rewrite', file: BLOCK, find: '    if (this.scroll.query(name, Scope.BLOCK) != null) {\n      this.format(name, value);', replace: '    if (this.scroll.query(name, Scope.BLOCK)) {\n      this.format(name, value);', expect: [] },
    { id: 'pc-remove-check-block-formats', kind: 'check removed', file: BLOCK, find: '    const match = scroll.query(BlockBlot.blotName);\n    if (\n      match != null &&', replace: '    const match = scroll.query(BlockBlot.blotName);\n    if (\n      match !== undefined &&', expect: [{ rule: 'ei/unchecked-call', line: 29 }] },
    { id: 'pc-asserted-and-checked-makeAttachedBlot', kind: 'equivalent rewrite', file: PARENT, find: '  const found = scroll.find(node);', replace: '  const found: Blot = scroll.find(node)!;', expect: [] },
    { id: 'pc-boolean-inline-formatAt', kind: 'equivalent rewrite', file: INLINE, find: '      this.scroll.query(name, Scope.ATTRIBUTE)\n    ) {', replace: '      Boolean(this.scroll.query(name, Scope.ATTRIBUTE))\n    ) {', expect: [] },
    { id: 'pc-nullish-parent-update-ref', kind: 'equivalent rewrite', file: PARENT, find: '          this.insertBefore(blot, refBlot || undefined);', replace: '          this.insertBefore(blot, refBlot ?? undefined);', expect: [] },
    { id: 'pc-aliased-condition-scroll-update', kind: 'equivalent rewrite', file: SCROLL, find: '              mark(child, false);\n              if (child instanceof ParentBlot) {', replace: '              mark(child, false); const isParent = child instanceof ParentBlot;\n              if (isParent) {', expect: [] },
  ],
};
