/** Re-exports for audit tests: the app context and the in-process audit sink. */
export { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
export { startAuditSink, type RunningWorker } from '../../workers/runtime/pipeline-workers';
