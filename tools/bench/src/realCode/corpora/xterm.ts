import { CORPUS_PACKAGE, CORPUS_VERSION, TSCONFIG } from '../../lint/prepareCorpus';
import type { RealCorpus } from '../RealCorpus';

/** Where the package is unpacked in the corpus directory, and its sources. */
const PACKAGE_DIR = CORPUS_PACKAGE;
const SRC = `${PACKAGE_DIR}/src`;

const DOM = `${SRC}/vs/base/browser/dom.ts`;
const IFRAME = `${SRC}/vs/base/browser/iframe.ts`;
const ARRAYS = `${SRC}/vs/base/common/arrays.ts`;
const ARRAYS_FIND = `${SRC}/vs/base/common/arraysFind.ts`;
const STRINGS = `${SRC}/vs/base/common/strings.ts`;
const KEYBINDINGS = `${SRC}/vs/base/common/keybindings.ts`;
const MAP = `${SRC}/vs/base/common/map.ts`;
const PARAMS = `${SRC}/common/parser/Params.ts`;
const INPUT_HANDLER = `${SRC}/common/InputHandler.ts`;
const ATTRIBUTE_DATA = `${SRC}/common/buffer/AttributeData.ts`;
const CONTRAST_CACHE = `${SRC}/browser/ColorContrastCache.ts`;
const ROW_FACTORY = `${SRC}/browser/renderer/dom/DomRendererRowFactory.ts`;

/** The xterm benchmark's tsconfig, its paths moved under the package's directory. */
function xtermTsconfig(): object {
  const { rootDir: _rootDir, paths, ...options } = TSCONFIG.compilerOptions;
  const moved = Object.fromEntries(Object.entries(paths).map(([key, targets]) => [key, targets.map((target) => `./${PACKAGE_DIR}/${target.replace(/^\.\//, '')}`)]));
  return { compilerOptions: { ...options, paths: moved }, include: [SRC] };
}

/**
 * The xterm corpus: the TypeScript sources that @xterm/xterm 6.0.0 ships (`src/`: the terminal's
 * `common/` and `browser/` parts, and its copy of VS Code's `vs/base`), with the configuration the
 * xterm benchmark (`lint/prepareCorpus`) type-checks them with: legacy decorators, as xterm's own
 * services use. xterm itself says "none" with `undefined` almost everywhere (which `EI_TYPE_NULL`
 * cannot mark), so the marks are the functions whose real contract returns `null` (`T | null`) or a
 * negative number for "none"; nothing in it means failure by returning `true`.
 */
export const xterm: RealCorpus = {
  name: 'xterm',
  packages: [{ name: CORPUS_PACKAGE, version: CORPUS_VERSION }],
  tsconfig: xtermTsconfig(),
  marks: [
    { file: PARAMS, name: 'Params.getSubParams', type: 'EI_TYPE_NULL', why: 'returns null when the parameter at idx has no sub parameters' },
    { file: CONTRAST_CACHE, name: 'ColorContrastCache.getCss', type: 'EI_TYPE_NULL', why: 'returns null for a pair cached as needing no contrast colour (undefined when not cached)' },
    { file: CONTRAST_CACHE, name: 'ColorContrastCache.getColor', type: 'EI_TYPE_NULL', why: 'returns null for a pair cached as needing no contrast colour (undefined when not cached)' },
    { file: DOM, name: 'getParentFlowToElement', type: 'EI_TYPE_NULL', why: 'returns null when the node has no explicit flow-to parent' },
    { file: DOM, name: 'findParentWithClass', type: 'EI_TYPE_NULL', why: 'returns null when no ancestor (up to the stop) has the class' },
    { file: DOM, name: 'getShadowRoot', type: 'EI_TYPE_NULL', why: 'returns null when the node is not inside a shadow root' },
    { file: DOM, name: 'getActiveElement', type: 'EI_TYPE_NULL', why: 'returns null when no element has focus (document.activeElement is null)' },
    { file: DOM, name: 'findParentWithAttribute', type: 'EI_TYPE_NULL', why: 'returns null when no ancestor has the attribute' },
    { file: DOM, name: 'detectFullscreen', type: 'EI_TYPE_NULL', why: 'returns null when the window is not (detectably) fullscreen' },
    { file: IFRAME, name: 'getParentWindowIfSameOrigin', type: 'EI_TYPE_NULL', why: 'returns null for a top window or a parent of another origin' },
    { file: ARRAYS, name: 'ArrayQueue.takeWhile', type: 'EI_TYPE_NULL', why: 'returns null when no element was consumed (documented)' },
    { file: ARRAYS, name: 'ArrayQueue.takeFromEndWhile', type: 'EI_TYPE_NULL', why: 'returns null when no element was consumed (documented)' },
    { file: KEYBINDINGS, name: 'decodeKeybinding', type: 'EI_TYPE_NULL', why: 'returns null for the empty keybinding 0 or an empty chord list' },
    { file: ARRAYS, name: 'binarySearch', type: 'EI_TYPE_ERRNO', why: 'returns -(insertion point + 1), a negative number, when the key is not found (documented)' },
    { file: ARRAYS, name: 'binarySearch2', type: 'EI_TYPE_ERRNO', why: 'returns -(insertion point + 1), a negative number, when the key is not found (documented)' },
    { file: ARRAYS_FIND, name: 'findLastIdx', type: 'EI_TYPE_ERRNO', why: 'returns -1 when no element matches' },
    { file: ARRAYS_FIND, name: 'findFirstIdxMonotonous', type: 'EI_TYPE_ERRNO', why: 'returns -1 when no element matches' },
    { file: ARRAYS_FIND, name: 'findMaxIdx', type: 'EI_TYPE_ERRNO', why: 'returns -1 for an empty array' },
    { file: STRINGS, name: 'firstNonWhitespaceIndex', type: 'EI_TYPE_ERRNO', why: 'returns -1 when the string is empty or all whitespace (documented)' },
    { file: STRINGS, name: 'lastNonWhitespaceIndex', type: 'EI_TYPE_ERRNO', why: 'returns -1 when the string is empty or all whitespace (documented)' },
    { file: ATTRIBUTE_DATA, name: 'AttributeData.getFgColor', type: 'EI_TYPE_ERRNO', why: 'returns -1 when the cell has no foreground colour of its own (the default colour mode)' },
    { file: ATTRIBUTE_DATA, name: 'AttributeData.getBgColor', type: 'EI_TYPE_ERRNO', why: 'returns -1 when the cell has no background colour of its own (the default colour mode)' },
  ],
  sites: [
    { file: INPUT_HANDLER, line: 2340, callee: 'getSubParams', handled: false, reason: 'asserted with ! (hasSubParams was true just before): an injected null reaches subparams[i] and .length' },
    { file: INPUT_HANDLER, line: 2551, callee: 'getSubParams', handled: false, reason: 'params.getSubParams(i)![0] after hasSubParams(i): the ! hides an injected null and [0] reads from it' },
    { file: ROW_FACTORY, line: 489, callee: 'getColor', handled: true, reason: 'kept in adjustedColor (IColor | undefined | null); null skips the === undefined refill and fails if (adjustedColor) before .css is read' },
    { file: ROW_FACTORY, line: 329, callee: 'getFgColor', handled: false, reason: 'fg is used by colour mode as a palette index (colors.ansi[fg], xterm-fg-${fg}) or RGB, never tested for a negative value' },
    { file: ROW_FACTORY, line: 331, callee: 'getBgColor', handled: false, reason: 'bg is used by colour mode as colors.ansi[bg] / xterm-bg-${bg} or RGB without a test: an injected errno makes resolvedBg undefined' },
    { file: ATTRIBUTE_DATA, line: 98, callee: 'getFgColor', handled: true, reason: 'returned as getUnderlineColor()\'s own number, whose contract is the same (-1 for the default colour): passed on' },
    { file: ATTRIBUTE_DATA, line: 101, callee: 'getFgColor', handled: true, reason: 'returned as getUnderlineColor()\'s own number, whose contract is the same (-1 for the default colour): passed on' },
    { file: DOM, line: 807, callee: 'getParentFlowToElement', handled: true, reason: 'if (flowToParentElement) before it is used; otherwise the walk goes on to parentNode' },
    { file: DOM, line: 844, callee: 'findParentWithClass', handled: true, reason: '!! turns null into false, which is what hasParentWithClass means' },
    { file: DOM, line: 854, callee: 'getShadowRoot', handled: true, reason: '!! turns null into false, which is what isInShadowDOM means' },
    { file: DOM, line: 889, callee: 'getActiveElement', handled: true, reason: 'compared === with element, a non-null Element: null is simply "not active"' },
    { file: DOM, line: 897, callee: 'getActiveElement', handled: true, reason: 'passed to isAncestor(testChild: Node | null, ...), which takes null (contains(null) is false)' },
    { file: DOM, line: 1338, callee: 'getShadowRoot', handled: true, reason: 'shadowRoot ? shadowRoot.activeElement : the document\'s: tested before use' },
    { file: DOM, line: 1559, callee: 'findParentWithAttribute', handled: true, reason: 'parentFocusable?.focus(): null does nothing' },
    { file: IFRAME, line: 55, callee: 'getParentWindowIfSameOrigin', handled: true, reason: 'if (parent) picks the branch; w = parent goes to a Window | null that while (w) tests' },
    { file: ARRAYS, line: 74, callee: 'binarySearch2', handled: true, reason: 'returned by binarySearch, whose number result has the same contract and is marked ERRNO itself: passed on' },
    { file: ARRAYS_FIND, line: 9, callee: 'findLastIdx', handled: false, reason: 'tested only === -1: an injected -EINVAL goes on to array[idx] as an index' },
  ],
  mutants: [
    // wrong types on marks whose calls would judge the same
    { id: 'xt-wrong-type-getCss', kind: 'wrong type', file: CONTRAST_CACHE, find: '@AllowErrorInjection(EI_TYPE_NULL) public getCss(', replace: '@AllowErrorInjection(EI_TYPE_ERRNO) public getCss(', expect: [{ rule: 'ei/type-mismatch', line: 18 }] },
    { id: 'xt-wrong-type-decodeKeybinding', kind: 'wrong type', file: KEYBINDINGS, find: 'allowErrorInjection(EI_TYPE_NULL, function decodeKeybinding(', replace: 'allowErrorInjection(EI_TYPE_TRUE, function decodeKeybinding(', expect: [{ rule: 'ei/type-mismatch', line: 31 }] },
    { id: 'xt-wrong-type-detectFullscreen', kind: 'wrong type', file: DOM, find: 'allowErrorInjection(EI_TYPE_NULL, function detectFullscreen(', replace: 'allowErrorInjection(EI_TYPE_ERRNO_NULL, function detectFullscreen(', expect: [{ rule: 'ei/type-mismatch', line: 1732 }] },
    { id: 'xt-wrong-type-takeWhile', kind: 'wrong type', file: ARRAYS, find: '@AllowErrorInjection(EI_TYPE_NULL) takeWhile(', replace: '@AllowErrorInjection(EI_TYPE_ERRNO) takeWhile(', expect: [{ rule: 'ei/type-mismatch', line: 716 }] },
    { id: 'xt-wrong-type-findFirstIdxMonotonous', kind: 'wrong type', file: ARRAYS_FIND, find: 'allowErrorInjection(EI_TYPE_ERRNO, function findFirstIdxMonotonous<T>(', replace: 'allowErrorInjection(EI_TYPE_NULL, function findFirstIdxMonotonous<T>(', expect: [{ rule: 'ei/type-mismatch', line: 90 }] },

    // bad usages
    { id: 'xt-bad-usage-type-not-constant', kind: 'other', file: STRINGS, find: 'allowErrorInjection(EI_TYPE_ERRNO, function lastNonWhitespaceIndex(', replace: 'allowErrorInjection(Math.random() < 2 ? EI_TYPE_ERRNO : EI_TYPE_NULL, function lastNonWhitespaceIndex(', expect: [{ rule: 'ei/bad-usage', line: 295 }] },
    { id: 'xt-bad-usage-async-not-promise', kind: 'other', file: ATTRIBUTE_DATA, find: '@AllowErrorInjection(EI_TYPE_ERRNO) public getBgColor(', replace: '@AllowErrorInjection(EI_TYPE_ERRNO, { async: true }) public getBgColor(', expect: [{ rule: 'ei/bad-usage', line: 72 }] },
    { id: 'xt-bad-usage-duplicate-name', kind: 'other', file: ARRAYS, find: '@AllowErrorInjection(EI_TYPE_NULL) takeFromEndWhile(', replace: "@AllowErrorInjection(EI_TYPE_NULL, { name: 'ArrayQueue.takeWhile' }) takeFromEndWhile(", expect: [{ rule: 'ei/bad-usage', line: 734 }] },

    // captured methods
    { id: 'xt-captured-bound-getSubParams', kind: 'other', file: PARAMS, find: '    const res: ParamsArray = [];', replace: '    const res: ParamsArray = []; const readSub = this.getSubParams.bind(this);', expect: [{ rule: 'ei/captured-method', line: 109 }] },
    { id: 'xt-captured-interface-getColor', kind: 'other', file: ROW_FACTORY, find: '    const cache = this._getContrastCache(cell);', replace: '    const cache = this._getContrastCache(cell); const lookUp = cache.getColor;', expect: [{ rule: 'ei/captured-method', line: 486 }] },
    { id: 'xt-captured-this-getFgColor', kind: 'other', file: ATTRIBUTE_DATA, find: '    const newObj = new AttributeData();', replace: '    const newObj = new AttributeData(); const colorOf = this.getFgColor;', expect: [{ rule: 'ei/captured-method', line: 23 }] },

    // a release function marked, through aliases of the core's names
    {
      id: 'xt-release-CounterSet.delete',
      kind: 'other',
      file: MAP,
      find: 'export class CounterSet<T> {\n\n\tprivate map = new Map<T, number>();\n\n\tadd(value: T): CounterSet<T> {\n\t\tthis.map.set(value, (this.map.get(value) || 0) + 1);\n\t\treturn this;\n\t}\n\n\tdelete(value: T): boolean {',
      replace:
        "import { AllowErrorInjection as Injectable, EI_TYPE_TRUE as FAILS_WITH_TRUE } from '@errinject/core'; export class CounterSet<T> {\n\n\tprivate map = new Map<T, number>();\n\n\tadd(value: T): CounterSet<T> {\n\t\tthis.map.set(value, (this.map.get(value) || 0) + 1);\n\t\treturn this;\n\t}\n\n\t@Injectable(FAILS_WITH_TRUE) delete(value: T): boolean {",
      // marked TRUE, its `return true` comes after this.map is changed on either branch
      expect: [
        { rule: 'ei/release-function', line: 49 },
        { rule: 'ei/state-before-error', line: 59 },
        { rule: 'ei/state-before-error', line: 61 },
      ],
    },

    // state changed before the first error return
    { id: 'xt-state-getSubParams', kind: 'state before error', file: PARAMS, find: '    const start = this._subParamsIdx[idx] >> 8;', replace: '    this._rejectDigits = true; const start = this._subParamsIdx[idx] >> 8;', expect: [{ rule: 'ei/state-before-error', line: 188 }] },
    { id: 'xt-state-getParentFlowToElement', kind: 'state before error', file: DOM, find: '\tconst flowToParentId = node.dataset[parentFlowToDataKey];', replace: "\tnode.dataset.flowChecked = 'true'; const flowToParentId = node.dataset[parentFlowToDataKey];", expect: [{ rule: 'ei/state-before-error', line: 788 }] },
    {
      id: 'xt-state-findParentWithClass',
      kind: 'state before error',
      file: DOM,
      find: 'function findParentWithClass(node: HTMLElement, clazz: string, stopAtClazzOrNode?: string | HTMLElement): HTMLElement | null {\n\twhile (node && node.nodeType === node.ELEMENT_NODE) {',
      replace: "function findParentWithClass(node: HTMLElement, clazz: string, stopAtClazzOrNode?: string | HTMLElement): HTMLElement | null {\n\tnode.classList.add('xterm-probed'); while (node && node.nodeType === node.ELEMENT_NODE) {",
      expect: [{ rule: 'ei/state-before-error', line: 820 }],
    },
    { id: 'xt-state-getParentWindowIfSameOrigin', kind: 'state before error', file: IFRAME, find: '\tif (!w.parent || w.parent === w) {', replace: '\tsameOriginWindowChainCache.delete(w); if (!w.parent || w.parent === w) {', expect: [{ rule: 'ei/state-before-error', line: 23 }] },
    {
      id: 'xt-state-findParentWithAttribute',
      kind: 'state before error',
      file: DOM,
      find: 'function findParentWithAttribute(node: Node | null, attribute: string): HTMLElement | null {\n\twhile (node && node.nodeType === node.ELEMENT_NODE) {',
      replace: "function findParentWithAttribute(node: Node | null, attribute: string): HTMLElement | null {\n\tif (isHTMLElement(node)) { node.dataset.probed = 'true'; } while (node && node.nodeType === node.ELEMENT_NODE) {",
      expect: [{ rule: 'ei/state-before-error', line: 1538 }],
    },

    // the labelled calls, their checks removed or rewritten
    { id: 'xt-asserted-and-checked-getParentFlowToElement', kind: 'equivalent rewrite', file: DOM, find: '\t\t\tconst flowToParentElement = getParentFlowToElement(node);', replace: '\t\t\tconst flowToParentElement: HTMLElement = getParentFlowToElement(node)!;', expect: [] },
    { id: 'xt-remove-check-getShadowRoot', kind: 'check removed', file: DOM, find: '\t\t\tconst activeElement = (shadowRoot ? shadowRoot.activeElement : element.ownerDocument.activeElement);', replace: '\t\t\tconst activeElement = shadowRoot!.activeElement;', expect: [{ rule: 'ei/unchecked-call', line: 1338 }] },
    { id: 'xt-compare-null-getShadowRoot', kind: 'equivalent rewrite', file: DOM, find: '\treturn !!getShadowRoot(domNode);', replace: '\treturn getShadowRoot(domNode) !== null;', expect: [] },
    { id: 'xt-loose-null-findParentWithClass', kind: 'equivalent rewrite', file: DOM, find: '\treturn !!findParentWithClass(node, clazz, stopAtClazzOrNode);', replace: '\treturn findParentWithClass(node, clazz, stopAtClazzOrNode) != null;', expect: [] },
    { id: 'xt-remove-check-getActiveElement', kind: 'check removed', file: DOM, find: '\treturn getActiveElement() === element;', replace: '\treturn getActiveElement()!.isSameNode(element);', expect: [{ rule: 'ei/unchecked-call', line: 889 }] },
    { id: 'xt-early-test-getActiveElement', kind: 'equivalent rewrite', file: DOM, find: '\treturn isAncestor(getActiveElement(), ancestor);', replace: '\tconst active = getActiveElement(); return active !== null && isAncestor(active, ancestor);', expect: [] },
    { id: 'xt-remove-check-findParentWithAttribute', kind: 'check removed', file: DOM, find: '\t\tparentFocusable?.focus();', replace: '\t\tparentFocusable!.focus();', expect: [{ rule: 'ei/unchecked-call', line: 1559 }] },
    { id: 'xt-strict-null-getParentWindowIfSameOrigin', kind: 'equivalent rewrite', file: IFRAME, find: '\t\t\t\tif (parent) {', replace: '\t\t\t\tif (parent !== null) {', expect: [] },
    {
      id: 'xt-remove-check-getColor',
      kind: 'check removed',
      file: ROW_FACTORY,
      find: '    if (adjustedColor) {\n      this._addStyle(element, `color:${adjustedColor.css}`);',
      replace: '    if (adjustedColor !== undefined) {\n      this._addStyle(element, `color:${adjustedColor!.css}`);',
      expect: [{ rule: 'ei/unchecked-call', line: 489 }],
    },
    { id: 'xt-used-getFgColor', kind: 'check removed', file: ATTRIBUTE_DATA, find: '    return this.getFgColor();\n  }\n  public getUnderlineColorMode(): number {', replace: '    return this.getFgColor() & Attributes.PCOLOR_MASK;\n  }\n  public getUnderlineColorMode(): number {', expect: [{ rule: 'ei/unchecked-call', line: 101 }] },
    { id: 'xt-used-binarySearch2', kind: 'check removed', file: ARRAYS, find: '\treturn binarySearch2(array.length, i => comparator(array[i], key));', replace: '\treturn Math.abs(binarySearch2(array.length, i => comparator(array[i], key)));', expect: [{ rule: 'ei/unchecked-call', line: 74 }] },

    // new calls of marked functions, checked in the forms real code uses, or not
    { id: 'xt-new-below-zero-firstNonWhitespaceIndex', kind: 'equivalent rewrite', file: STRINGS, find: '\treturn str.trim().length === 0;', replace: '\treturn firstNonWhitespaceIndex(str) < 0;', expect: [] },
    { id: 'xt-new-unchecked-firstNonWhitespaceIndex', kind: 'check removed', file: STRINGS, find: '\treturn `${value.substr(0, prefixLength)}${suffix}${value.substr(value.length - suffixLength)}`;', replace: '\treturn `${value.substr(firstNonWhitespaceIndex(value), prefixLength)}${suffix}${value.substr(value.length - suffixLength)}`;', expect: [{ rule: 'ei/unchecked-call', line: 119 }] },
    { id: 'xt-new-ternary-firstNonWhitespaceIndex', kind: 'equivalent rewrite', file: STRINGS, find: '\tconst trimmed = ltrim(haystack, needle);', replace: "\tconst start = firstNonWhitespaceIndex(haystack); const trimmed = start < 0 ? '' : ltrim(haystack.slice(start), needle);", expect: [] },
    { id: 'xt-new-minus-one-firstNonWhitespaceIndex', kind: 'check removed', file: STRINGS, find: '\tlet offset = 0;', replace: "\tlet offset = firstNonWhitespaceIndex(haystack); if (offset === -1) { return ''; }", expect: [{ rule: 'ei/unchecked-call', line: 147 }] },
    { id: 'xt-new-nullable-parameter-getActiveElement', kind: 'equivalent rewrite', file: DOM, find: '\t\t\treturn isAncestor(window.document.activeElement, window.document);', replace: '\t\t\treturn isAncestor(getActiveElement(), window.document);', expect: [] },
    { id: 'xt-new-compared-getActiveElement', kind: 'equivalent rewrite', file: DOM, find: '\tif (node.ownerDocument.activeElement === node) {', replace: '\tif (getActiveElement() === node) {', expect: [] },
    { id: 'xt-new-negated-findParentWithAttribute', kind: 'equivalent rewrite', file: DOM, find: "\tif (!node || !node.hasAttribute('tabIndex')) {", replace: "\tif (!node || !findParentWithAttribute(node, 'tabIndex')) {", expect: [] },
    {
      id: 'xt-new-this-getSubParams',
      kind: 'equivalent rewrite',
      file: PARAMS,
      find: '      const start = this._subParamsIdx[i] >> 8;\n      const end = this._subParamsIdx[i] & 0xFF;\n      if (end - start > 0) {\n        res.push(Array.prototype.slice.call(this._subParams, start, end));',
      replace: '      const sub = this.getSubParams(i);\n\n      if (sub) {\n        res.push(Array.from(sub));',
      expect: [],
    },
    {
      id: 'xt-new-correlated-getSubParams',
      kind: 'check removed',
      file: PARAMS,
      find: '      const start = this._subParamsIdx[i] >> 8;\n      const end = this._subParamsIdx[i] & 0xFF;\n      if (end - start > 0) {\n        result[i] = this._subParams.slice(start, end);',
      replace: '      const sub = this.getSubParams(i);\n\n      if (this.hasSubParams(i)) {\n        result[i] = sub!.slice();',
      expect: [{ rule: 'ei/unchecked-call', line: 203 }],
    },
    {
      id: 'xt-new-ternary-findMaxIdx',
      kind: 'equivalent rewrite',
      file: ARRAYS_FIND,
      find: '\tlet max = array[0];\n\tfor (let i = 1; i < array.length; i++) {\n\t\tconst item = array[i];\n\t\tif (comparator(item, max) > 0) {',
      replace: '\tconst maxIdx = findMaxIdx(array, comparator); let max = array[maxIdx < 0 ? 0 : maxIdx];\n\tfor (let i = 1; i < array.length; i++) {\n\t\tconst item = array[i];\n\t\tif (comparator(item, max) > 0) {',
      expect: [],
    },
    {
      id: 'xt-new-index-findMaxIdx',
      kind: 'check removed',
      file: ARRAYS_FIND,
      find: '\tlet max = array[0];\n\tfor (let i = 1; i < array.length; i++) {\n\t\tconst item = array[i];\n\t\tif (comparator(item, max) >= 0) {',
      replace: '\tlet max = array[findMaxIdx(array, comparator)];\n\tfor (let i = 1; i < array.length; i++) {\n\t\tconst item = array[i];\n\t\tif (comparator(item, max) >= 0) {',
      expect: [{ rule: 'ei/unchecked-call', line: 158 }],
    },
    { id: 'xt-new-above-minus-one-binarySearch', kind: 'equivalent rewrite', file: ARRAYS, find: '\tconst index = array.indexOf(element);', replace: '\tconst index = binarySearch(array, element, (a, b) => (a === b ? 0 : -1));', expect: [] },
    { id: 'xt-new-below-zero-getFgColor', kind: 'equivalent rewrite', file: ATTRIBUTE_DATA, find: '  public isFgDefault(): boolean   { return (this.fg & Attributes.CM_MASK) === 0; }', replace: '  public isFgDefault(): boolean   { return this.getFgColor() < 0; }', expect: [] },
    {
      id: 'xt-new-strict-null-getParentWindowIfSameOrigin',
      kind: 'equivalent rewrite',
      file: IFRAME,
      find: '\t\tif (!ancestorWindow || childWindow === ancestorWindow) {',
      replace: '\t\tif (!ancestorWindow || childWindow === ancestorWindow || getParentWindowIfSameOrigin(childWindow) === null) {',
      expect: [],
    },
    // the patterns of issue 11, in this code base's own functions
    {
      id: 'xt-pattern1-correlated-getShadowRoot',
      kind: 'equivalent rewrite',
      file: DOM,
      find: '\tconst document = getActiveDocument();',
      replace: '\tconst root = getShadowRoot(mainWindow.document.body); const host = root && root.host; if (host) { root!.mode; } const document = getActiveDocument();',
      expect: [],
    },
    {
      id: 'xt-pattern3-object-property-getParentFlowToElement',
      kind: 'equivalent rewrite',
      file: DOM,
      find: '\tfromChildElement.dataset[parentFlowToDataKey] = toParentElement.id;',
      replace: '\tconst previous: { parent: HTMLElement | null } = { parent: getParentFlowToElement(fromChildElement) }; fromChildElement.dataset[parentFlowToDataKey] = previous.parent?.id === toParentElement.id ? toParentElement.id : toParentElement.id;',
      expect: [],
    },
    {
      id: 'xt-pattern5-math-min-firstNonWhitespaceIndex',
      kind: 'equivalent rewrite',
      file: STRINGS,
      find: "export function truncate(value: string, maxLength: number, suffix = '…'): string {\n\tif (value.length <= maxLength) {",
      replace: "export function truncate(value: string, maxLength: number, suffix = '…'): string {\n\tconst start = Math.min(maxLength, firstNonWhitespaceIndex(value)); if (start < 0) { return value; } if (value.length <= maxLength) {",
      expect: [],
    },
    {
      id: 'xt-pattern6-type-predicate-getActiveElement',
      kind: 'equivalent rewrite',
      file: DOM,
      find: '\treturn element.ownerDocument === getActiveDocument();',
      replace: '\tconst active = getActiveElement(); return isHTMLElement(active) ? active.ownerDocument === element.ownerDocument : element.ownerDocument === getActiveDocument();',
      expect: [],
    },
    {
      id: 'xt-pattern6-assertion-function-getShadowRoot',
      kind: 'equivalent rewrite',
      file: DOM,
      find: '\treturn globalStylesheets.has(node as HTMLStyleElement);',
      replace: "\tfunction assertPresent<T>(value: T | null): asserts value is T { if (value === null) { throw new Error('not in a shadow root'); } } const root = getShadowRoot(node); assertPresent(root); return root.host !== null && globalStylesheets.has(node as HTMLStyleElement);",
      expect: [],
    },
    {
      id: 'xt-pattern8-null-test-findMaxIdx',
      kind: 'check removed',
      file: ARRAYS_FIND,
      find: '\treturn findFirstMax(array, (a, b) => -comparator(a, b));',
      replace: '\tconst minIdx = findMaxIdx(array, (a, b) => -comparator(a, b)); if (minIdx == null) { return undefined; } return array[minIdx];',
      expect: [{ rule: 'ei/unchecked-call', line: 172 }],
    },
    { id: 'xt-new-truthy-getSubParams', kind: 'equivalent rewrite', file: INPUT_HANDLER, find: '      if (params.hasSubParams(pos + advance)) {', replace: '      if (params.getSubParams(pos + advance)) {', expect: [] },
  ],
};
