/**
 * XML for SmartConnect: writers for data-table / variable request bodies and readers for what the
 * service returns. Pure functions without runtime dependencies (n8n community-node rules).
 */
export { findInvalidChar } from './chars';
export { XmlParseError, XmlValueError } from './errors';
export type { XmlValueErrorReason } from './errors';
export { decodeXmlName, encodeXmlName } from './names';
export {
	formatValue,
	plainNumber,
	variablesJson,
	writeDataSetBody,
	writeRunMapDataTableBody,
	writeRunMapXmlBody,
	writeRunMapXmlBodyFromRows,
	writeVariablesXml,
} from './writer';
export type { CellValue, Row, Variable, WriteOptions } from './writer';
export { parseXml } from './parser';
export type { XmlElement, XmlNode } from './parser';
export { readDataTable } from './datatable';
export type { DataTable } from './datatable';
export { writeDataSetWithSchema } from './schema';
