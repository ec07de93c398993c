/**
 * `@errinject/core`: the Linux kernel's fault-injection framework for Node.js.
 *
 * Values are re-exported with `export import x = module.x`, which compiles to a plain property
 * (`exports.x = module.x`). `export { x } from` compiles to a getter on an exports object that V8
 * then keeps in dictionary mode, and every `shouldFail` call from CommonJS code would go through
 * that getter: about 10 ns a call instead of under 1 ns.
 *
 * @packageDocumentation
 */
import * as applyBootConfigModule from './boot/applyBootConfig';
import * as pendingBootModule from './boot/pendingBoot';
import * as declareFaultAttrModule from './attr/declareFaultAttr';
import * as errnoModule from './errno/errno';
import * as errorsModule from './errors/ErrInjectError';
import * as createKnobDirModule from './attr/createKnobDir';
import * as capabilityKnobModule from './attr/CapabilityKnob';
import * as shouldFailModule from './attr/shouldFail';
import * as faultPointModule from './attr/faultPoint';
import * as globModule from './attr/Glob';
import * as ownIoModule from './state/ownIo';
import * as injectionOffModule from './boot/injectionOff';
import * as faultChannelModule from './verbose/faultChannel';
import * as setVerboseSinkModule from './verbose/setVerboseSink';
import * as runTaskModule from './task/runTask';
import * as debugfsModule from './control/debugfs';
import * as procfsModule from './control/procfs';
import * as parseBootConfigModule from './boot/parseBootConfig';
import * as errPtrModule from './errno/errPtr';
import * as errorTypesModule from './inject/errorTypes';
import * as decoratorModule from './inject/decorator/AllowErrorInjection';
import * as allowErrorInjectionModule from './inject/allowErrorInjection';
import { bootstrap } from './boot/bootstrap';
import * as sweepModule from './sweep/sweep';
import * as sweepSyncModule from './sweep/sweepSync';
import * as parseShardModule from './sweep/parseShard';
import * as controlSocketDirModule from './remote/controlSocketDir';
import * as installFaultReportModule from './report/installFaultReport';
import * as relativeSiteModule from './report/relativeSite';
import * as installControlServerModule from './remote/installControlServer';

// errno
export import errno = errnoModule.errno;
export import errnoTable = errnoModule.errnoTable;
export import getErrno = errnoModule.getErrno;
export import getErrnoOrThrow = errnoModule.getErrnoOrThrow;
export import isErrnoName = errnoModule.isErrnoName;
export type { ErrnoEntry, ErrnoName, ErrnoNumbers } from './errno/errno';
export import errPtr = errPtrModule.errPtr;
export import isErr = errPtrModule.isErr;
export import isErrOrNull = errPtrModule.isErrOrNull;
export import ptrErr = errPtrModule.ptrErr;
export import MAX_ERRNO = errPtrModule.MAX_ERRNO;
export type { ErrPtr } from './errno/errPtr';

// error-injectable functions
export import EI_TYPE_NULL = errorTypesModule.EI_TYPE_NULL;
export import EI_TYPE_ERRNO = errorTypesModule.EI_TYPE_ERRNO;
export import EI_TYPE_ERRNO_NULL = errorTypesModule.EI_TYPE_ERRNO_NULL;
export import EI_TYPE_TRUE = errorTypesModule.EI_TYPE_TRUE;
export type { ErrorInjectionType } from './inject/errorTypes';
export import AllowErrorInjection = decoratorModule.AllowErrorInjection;
export type { ErrorInjectionDecorator } from './inject/decorator/AllowErrorInjection';
export import allowErrorInjection = allowErrorInjectionModule.allowErrorInjection;
export type { InjectOptions } from './inject/Injectable';

// errors
export import ErrInjectError = errorsModule.ErrInjectError;
export import isErrInjectError = errorsModule.isErrInjectError;
export type { ErrInjectErrorCode, ErrInjectErrorOptions } from './errors/ErrInjectError';

// capabilities and the fault model
export import declareFaultAttr = declareFaultAttrModule.declareFaultAttr;
export import getFaultAttr = declareFaultAttrModule.getFaultAttr;
export import getFaultAttrOrThrow = declareFaultAttrModule.getFaultAttrOrThrow;
export type { FaultAttrInit } from './attr/declareFaultAttr';
export type { FaultAttr } from './attr/FaultAttr';
export import GENERIC_KNOBS = createKnobDirModule.GENERIC_KNOBS;
export type { GenericKnob } from './attr/createKnobDir';
export import refuseKnobWrite = capabilityKnobModule.refuseKnobWrite;
export type { CapabilityKnob } from './attr/CapabilityKnob';
export import shouldFail = shouldFailModule.shouldFail;
export import shouldFailEx = shouldFailModule.shouldFailEx;
export import decideFault = shouldFailModule.decideFault;
export import isFailure = shouldFailModule.isFailure;
export import shouldFailAt = shouldFailModule.shouldFailAt;
export import faultArmed = shouldFailModule.faultArmed;
export import faultPoint = faultPointModule.faultPoint;
export type { FaultPoint, FaultPointOptions } from './attr/faultPoint';
export type { EntryPoint } from './attr/captureCallerFrames';
export import Glob = globModule.Glob;
export import asOwnIo = ownIoModule.asOwnIo;
export import isOwnIo = ownIoModule.isOwnIo;
export import FAULT_NOWARN = shouldFailModule.FAULT_NOWARN;
export type { FaultDecision } from './attr/shouldFail';
export import FAULT_CHANNEL = faultChannelModule.FAULT_CHANNEL;
export type { FaultEvent } from './verbose/faultChannel';
export import setVerboseSink = setVerboseSinkModule.setVerboseSink;
export type { FaultRecord, SuppressedRecord, VerboseRecord, VerboseSink } from './verbose/VerboseRecord';

// tasks
export import runTask = runTaskModule.runTask;
export type { TaskOptions } from './task/runTask';

// the control tree
export import debugfs = debugfsModule.debugfs;
export import procfs = procfsModule.procfs;
export type { ControlTree } from './control/ControlTree';

// boot configuration
export import applyBootConfig = applyBootConfigModule.applyBootConfig;
export import injectionOff = injectionOffModule.injectionOff;
export import pendingBootEntries = pendingBootModule.pendingBootEntries;
export import parseBootConfig = parseBootConfigModule.parseBootConfig;
export type { BootReporter } from './boot/pendingBoot';
export type { BootAttrEntry, BootConfig, BootEntry, BootOffEntry, BootPathEntry, BootPosition, BootProblem } from './boot/parseBootConfig';

// sweeps
export import sweep = sweepModule.sweep;
export import sweepSync = sweepSyncModule.sweepSync;
export import parseShard = parseShardModule.parseShard;
export import MAX_SHARD_COUNT = parseShardModule.MAX_SHARD_COUNT;
export type {
  CheckedRun,
  SweepCheckFailed,
  SweepMode,
  SweepOptions,
  SweepOutcome,
  SweepReport,
  SweepResult,
  SweepReturned,
  SweepRun,
  SweepShard,
  SweepSyncOptions,
  SweepThrew,
} from './sweep/SweepReport';

// the fault report file (ERRINJECT_REPORT)
export import REPORT_ENV = installFaultReportModule.REPORT_ENV;
export import relativeSite = relativeSiteModule.relativeSite;
export type { CrashReportRecord, ExitReportRecord, FaultReportRecord, LoadedReportRecord, MarkedReportRecord, ReportRecord } from './report/ReportRecord';

// the control socket (ERRINJECT_CONTROL)
export import CONTROL_ENV = installControlServerModule.CONTROL_ENV;
export import controlSocketDir = controlSocketDirModule.controlSocketDir;
export import controlSocketPath = controlSocketDirModule.controlSocketPath;
export type {
  ControlRequest,
  ControlRequestId,
  ControlResponse,
  ControlTreeName,
  ErrorResponse,
  HelloRequest,
  HelloResponse,
  ListRequest,
  ListResponse,
  ReadRequest,
  ReadResponse,
  WriteRequest,
  WriteResponse,
} from './remote/ControlMessage';

bootstrap();
