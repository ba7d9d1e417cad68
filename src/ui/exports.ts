/**
 * What the File menu's diagram and trace exports need, as one lazily loaded chunk (see
 * `loadExports` in ScenarioMenu.tsx): nothing of it is used before the user exports.
 */
export { traceHeader } from './exportText.ts'
export { diagramSvg, svgToPng } from './svgExport.ts'
