import type { RealCorpus } from '../RealCorpus';

const SRC = 'mobx/src';
const OBJECT = `${SRC}/types/observableobject.ts`;
const INTERCEPT = `${SRC}/types/intercept-utils.ts`;
const ARRAY = `${SRC}/types/observablearray.ts`;
const MAP = `${SRC}/types/observablemap.ts`;
const SET = `${SRC}/types/observableset.ts`;
const VALUE = `${SRC}/types/observablevalue.ts`;
const DYNAMIC = `${SRC}/types/dynamicobject.ts`;
const OBJECT_API = `${SRC}/api/object-api.ts`;
const EXTEND = `${SRC}/api/extendobservable.ts`;

/**
 * The mobx corpus, small: the TypeScript sources mobx 6 ships (`src/`), type-checked as its own
 * build does (strict, but implicit `any` and `this` allowed; its `global.d.ts` declares `__DEV__`;
 * Node.js's timers and the ES2025 collections). Its marks are the functions that return null when an
 * interceptor cancels a change: `interceptChange` and the object administration's `boolean | null`
 * operations ("true on success, false on failure, null when cancelled by interceptor").
 */
export const mobx: RealCorpus = {
  name: 'mobx',
  packages: [{ name: 'mobx', version: '6.13.7' }],
  tsconfig: {
    compilerOptions: {
      target: 'es2022',
      lib: ['es2025'],
      module: 'esnext',
      moduleResolution: 'bundler',
      types: ['node'],
      strict: true,
      noImplicitAny: false,
      noImplicitThis: false,
      skipLibCheck: true,
      noEmit: true,
    },
    include: [SRC],
  },
  marks: [
    { file: INTERCEPT, name: 'interceptChange', type: 'EI_TYPE_NULL', why: 'returns null when an interceptor cancels the change' },
    { file: OBJECT, name: 'ObservableObjectAdministration.setObservablePropValue_', type: 'EI_TYPE_NULL', why: 'returns null when an interceptor cancels the update' },
    { file: OBJECT, name: 'ObservableObjectAdministration.set_', type: 'EI_TYPE_NULL', why: 'documented: null when cancelled by interceptor' },
    { file: OBJECT, name: 'ObservableObjectAdministration.extend_', type: 'EI_TYPE_NULL', why: 'documented: null when cancelled by interceptor' },
    { file: OBJECT, name: 'ObservableObjectAdministration.defineProperty_', type: 'EI_TYPE_NULL', why: 'documented: null when cancelled by interceptor' },
    { file: OBJECT, name: 'ObservableObjectAdministration.defineObservableProperty_', type: 'EI_TYPE_NULL', why: 'returns null when the delete or the add is cancelled by an interceptor' },
    { file: OBJECT, name: 'ObservableObjectAdministration.defineComputedProperty_', type: 'EI_TYPE_NULL', why: 'returns null when the delete or the add is cancelled by an interceptor' },
    {
      file: OBJECT,
      name: 'ObservableObjectAdministration.delete_',
      type: 'EI_TYPE_NULL',
      why: 'documented: null when cancelled by interceptor',
      expect: [{ rule: 'ei/release-function', why: 'delete_ is named by the release verb delete (it removes the property)' }],
    },
    { file: OBJECT_API, name: 'apiDefineProperty', type: 'EI_TYPE_NULL', why: 'mobx\'s defineProperty: the administration\'s defineProperty_ result, null when cancelled' },
  ],
  sites: [
    { file: ARRAY, line: 237, callee: 'interceptChange', handled: true, reason: 'if (!change) return EMPTY_ARRAY before change.removedCount is read' },
    { file: ARRAY, line: 370, callee: 'interceptChange', handled: true, reason: 'if (!change) return before change.newValue is read' },
    { file: MAP, line: 149, callee: 'interceptChange', handled: true, reason: 'if (!change) return this before change.newValue is read' },
    { file: MAP, line: 171, callee: 'interceptChange', handled: true, reason: 'if (!change) return false: a cancelled delete deletes nothing' },
    { file: SET, line: 126, callee: 'interceptChange', handled: true, reason: 'if (!change) return this before change.newValue is read' },
    { file: SET, line: 172, callee: 'interceptChange', handled: true, reason: 'if (!change) return false: a cancelled delete deletes nothing' },
    { file: VALUE, line: 123, callee: 'interceptChange', handled: true, reason: 'if (!change) return globalState.UNCHANGED before change.newValue is read' },
    { file: OBJECT, line: 134, callee: 'interceptChange', handled: true, reason: 'if (!change) return null: passed on as setObservablePropValue_\'s own null' },
    { file: OBJECT, line: 331, callee: 'interceptChange', handled: true, reason: 'if (!change) return null: passed on as defineProperty_\'s own null' },
    { file: OBJECT, line: 386, callee: 'interceptChange', handled: true, reason: 'if (!change) return null: passed on as defineObservableProperty_\'s own null' },
    { file: OBJECT, line: 451, callee: 'interceptChange', handled: true, reason: 'if (!change) return null: passed on as defineComputedProperty_\'s own null' },
    { file: OBJECT, line: 505, callee: 'interceptChange', handled: true, reason: 'if (!change) return null: passed on as delete_\'s own null' },
    { file: OBJECT, line: 199, callee: 'setObservablePropValue_', handled: true, reason: 'returned by set_, boolean | null and marked NULL itself: passed on' },
    { file: OBJECT, line: 210, callee: 'extend_', handled: true, reason: 'returned by set_, boolean | null and marked NULL itself: passed on' },
    { file: OBJECT, line: 297, callee: 'defineProperty_', handled: true, reason: 'returned by extend_, boolean | null and marked NULL itself: passed on' },
    { file: OBJECT, line: 323, callee: 'delete_', handled: true, reason: 'if (!deleteOutcome) return deleteOutcome: the null is passed on by defineProperty_ (boolean | null)' },
    { file: OBJECT, line: 378, callee: 'delete_', handled: true, reason: 'if (!deleteOutcome) return deleteOutcome: the null is passed on by defineObservableProperty_' },
    { file: OBJECT, line: 443, callee: 'delete_', handled: true, reason: 'if (!deleteOutcome) return deleteOutcome: the null is passed on by defineComputedProperty_' },
    { file: `${SRC}/types/computedannotation.ts`, line: 39, callee: 'defineComputedProperty_', handled: true, reason: 'returned by the annotation\'s extend_, declared boolean | null: passed on' },
    { file: `${SRC}/types/observableannotation.ts`, line: 40, callee: 'defineObservableProperty_', handled: true, reason: 'returned by the annotation\'s extend_, declared boolean | null: passed on' },
    { file: `${SRC}/types/actionannotation.ts`, line: 62, callee: 'defineProperty_', handled: true, reason: 'returned by the annotation\'s extend_, declared boolean | null: passed on' },
    { file: `${SRC}/types/flowannotation.ts`, line: 63, callee: 'defineProperty_', handled: true, reason: 'returned by the annotation\'s extend_, declared boolean | null: passed on' },
    { file: `${SRC}/types/autoannotation.ts`, line: 46, callee: 'defineProperty_', handled: true, reason: '=== null ? MakeResult.Cancel : MakeResult.Continue: compared with null' },
    { file: `${SRC}/types/autoannotation.ts`, line: 93, callee: 'defineProperty_', handled: true, reason: 'returned by the annotation\'s extend_, declared boolean | null: passed on' },
    { file: OBJECT_API, line: 178, callee: 'defineProperty_', handled: true, reason: 'returned by apiDefineProperty, inferred boolean | null and marked NULL itself: passed on' },
    { file: DYNAMIC, line: 67, callee: 'defineProperty_', handled: true, reason: '?? true: a cancelled define is reported to the proxy as done (the comment says so)' },
    { file: DYNAMIC, line: 54, callee: 'delete_', handled: true, reason: '?? true: a cancelled delete is reported to the proxy as done' },
    { file: DYNAMIC, line: 42, callee: 'set_', handled: true, reason: '?? true: a cancelled set is reported to the proxy as done' },
    { file: OBJECT_API, line: 127, callee: 'delete_', handled: false, reason: 'result discarded: remove() returns void, and a null (cancelled) delete goes unseen' },
    { file: OBJECT_API, line: 98, callee: 'set_', handled: false, reason: 'result discarded: set() returns void, and a null (cancelled) set goes unseen' },
    { file: EXTEND, line: 45, callee: 'extend_', handled: false, reason: 'result discarded in forEach: a null (cancelled) extension goes unseen by extendObservable' },
  ],
  mutants: [
    { id: 'mx-wrong-type-apiDefineProperty', kind: 'wrong type', file: OBJECT_API, find: 'allowErrorInjection(EI_TYPE_NULL, function apiDefineProperty(', replace: 'allowErrorInjection(EI_TYPE_ERRNO, function apiDefineProperty(', expect: [{ rule: 'ei/type-mismatch', line: 176 }] },
    { id: 'mx-bad-usage-async-not-promise', kind: 'other', file: OBJECT, find: '@AllowErrorInjection(EI_TYPE_NULL) defineComputedProperty_(', replace: '@AllowErrorInjection(EI_TYPE_NULL, { async: true }) defineComputedProperty_(', expect: [{ rule: 'ei/bad-usage', line: 433 }] },
    { id: 'mx-state-delete_', kind: 'state before error', file: OBJECT, find: '        // Intercept\n', replace: '        this.appliedAnnotations_ = {}\n', expect: [{ rule: 'ei/state-before-error', line: 503 }] },
    { id: 'mx-state-setObservablePropValue_', kind: 'state before error', file: OBJECT, find: '        // intercept\n', replace: '        this.pendingKeys_ ||= new Map()\n', expect: [{ rule: 'ei/state-before-error', line: 132 }] },
    { id: 'mx-captured-bound-extend_', kind: 'other', file: EXTEND, find: 'asObservableObject(target, options)[$mobx]', replace: 'asObservableObject(target, options)[$mobx]; const extend = adm.extend_.bind(adm)', expect: [{ rule: 'ei/captured-method', line: 43 }] },
    { id: 'mx-captured-destructured-delete_', kind: 'other', file: DYNAMIC, find: '        return getAdm(target).get_(name)', replace: '        const { delete_ } = getAdm(target); return getAdm(target).get_(name)', expect: [{ rule: 'ei/captured-method', line: 30 }] },

    { id: 'mx-strict-null-array-splice', kind: 'equivalent rewrite', file: ARRAY, find: '                added: newItems\n            })\n            if (!change) {', replace: '                added: newItems\n            })\n            if (change === null) {', expect: [] },
    {
      id: 'mx-remove-check-array-update',
      kind: 'check removed',
      file: ARRAY,
      find: '                if (!change) {\n                    return\n                }\n                newValue = change.newValue',
      replace: "                // the interceptors' answer is taken as it is\n\n\n                newValue = change!.newValue",
      expect: [{ rule: 'ei/unchecked-call', line: 370 }],
    },
    { id: 'mx-loose-null-map-set', kind: 'equivalent rewrite', file: MAP, find: '                name: key\n            })\n            if (!change) {\n                return this', replace: '                name: key\n            })\n            if (change == null) {\n                return this', expect: [] },
    { id: 'mx-remove-check-map-delete', kind: 'check removed', file: MAP, find: '                name: key\n            })\n            if (!change) {\n                return false\n            }', replace: '                name: key\n            })\n            // a cancelled delete deletes all the same\n\n', expect: [{ rule: 'ei/unchecked-call', line: 171 }] },
    { id: 'mx-null-or-undefined-set-add', kind: 'equivalent rewrite', file: SET, find: '                newValue: value\n            })\n            if (!change) {', replace: '                newValue: value\n            })\n            if (change === null || change === undefined) {', expect: [] },
    { id: 'mx-optional-chain-set-delete', kind: 'equivalent rewrite', file: SET, find: '                oldValue: value\n            })\n            if (!change) {', replace: '                oldValue: value\n            })\n            if (!change?.type) {', expect: [] },
    {
      id: 'mx-early-return-reordered-value',
      kind: 'equivalent rewrite',
      file: VALUE,
      find: '            if (!change) {\n                return globalState.UNCHANGED\n            }\n            newValue = change.newValue',
      replace: '            if (change) {\n                newValue = change.newValue\n            } else {\n                return globalState.UNCHANGED }',
      expect: [],
    },
    {
      id: 'mx-remove-check-defineObservableProperty_-add',
      kind: 'check removed',
      file: OBJECT,
      find: '                    newValue: value\n                })\n                if (!change) {\n                    return null\n                }\n                value = (change as any).newValue',
      replace: '                    newValue: value\n                })\n\n\n\n                value = (change as any).newValue',
      expect: [{ rule: 'ei/unchecked-call', line: 386 }],
    },
    {
      id: 'mx-false-only-defineProperty_-delete',
      kind: 'check removed',
      file: OBJECT,
      find: '            if (!deleteOutcome) {\n                // Failure or intercepted\n                return deleteOutcome\n            }\n\n            // ADD interceptor\n            if (hasInterceptors(this)) {\n                const change = interceptChange<IObjectWillChange>(this, {\n                    object: this.proxy_ || this.target_,\n                    name: key,\n                    type: ADD,\n                    newValue: descriptor.value',
      replace: '            if (deleteOutcome === false) {\n                // Failure or intercepted\n                return deleteOutcome\n            }\n\n            // ADD interceptor\n            if (hasInterceptors(this)) {\n                const change = interceptChange<IObjectWillChange>(this, {\n                    object: this.proxy_ || this.target_,\n                    name: key,\n                    type: ADD,\n                    newValue: descriptor.value',
      expect: [{ rule: 'ei/unchecked-call', line: 323 }],
    },
    {
      id: 'mx-strict-null-defineProperty_-add',
      kind: 'equivalent rewrite',
      file: OBJECT,
      find: '                if (!change) {\n                    return null\n                }\n                const { newValue } = change as any',
      replace: '                if (change === null) {\n                    return null\n                }\n                const { newValue } = change as any',
      expect: [],
    },
    { id: 'mx-strict-null-delete_', kind: 'equivalent rewrite', file: OBJECT, find: '            // Cancelled\n            if (!change) {', replace: '            // Cancelled\n            if (change === null) {', expect: [] },
    { id: 'mx-asserted-proxy-define', kind: 'check removed', file: DYNAMIC, find: '        return getAdm(target).defineProperty_(name, descriptor) ?? true', replace: '        return getAdm(target).defineProperty_(name, descriptor)!', expect: [{ rule: 'ei/unchecked-call', line: 67 }] },
    { id: 'mx-not-false-proxy-set', kind: 'equivalent rewrite', file: DYNAMIC, find: '        return getAdm(target).set_(name, value, true) ?? true', replace: '        return getAdm(target).set_(name, value, true) !== false', expect: [] },
  ],
};
