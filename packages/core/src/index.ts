/**
 * `@errinject/core`: the Linux kernel's fault-injection framework for Node.js.
 *
 * @packageDocumentation
 */
import { bootstrap } from './boot/bootstrap';

export { errno, errnoTable, getErrno, isErrnoName } from './errno/errno';
export type { ErrnoEntry, ErrnoName } from './errno/errno';

export { ErrInjectError, isErrInjectError } from './errors/ErrInjectError';
export type { ErrInjectErrorCode, ErrInjectErrorOptions } from './errors/ErrInjectError';

export { declareFaultAttr, getFaultAttr, getFaultAttrOrThrow } from './attr/declareFaultAttr';
export type { FaultAttrInit } from './attr/declareFaultAttr';
export type { FaultAttr } from './attr/FaultAttrImpl';
export { GENERIC_KNOBS } from './attr/knobs';
export type { GenericKnob } from './attr/knobs';
export { decideFault, FAULT_NOWARN, isFailure, shouldFail, shouldFailEx } from './attr/shouldFail';
export type { FaultDecision } from './attr/shouldFail';
export { FAULT_CHANNEL, setVerboseSink } from './attr/verbose';
export type { FaultEvent, FaultRecord, SuppressedRecord, VerboseRecord, VerboseSink } from './attr/verbose';

export { runTask } from './task/runTask';
export type { TaskOptions } from './task/runTask';

export { debugfs } from './control/debugfs';
export { procfs } from './control/procfs';
export type { ControlTree } from './control/ControlTree';

export { applyBootConfig, pendingBootEntries } from './boot/applyBootConfig';
export type { BootReporter } from './boot/applyBootConfig';
export { parseBootConfig } from './boot/parseBootConfig';
export type { BootAttrEntry, BootConfig, BootEntry, BootOffEntry, BootPathEntry, BootPosition, BootProblem } from './boot/parseBootConfig';

bootstrap();
