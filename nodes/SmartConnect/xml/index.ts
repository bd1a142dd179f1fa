/**
 * XML for SmartConnect: writers for data-table / variable request bodies and readers for what the
 * service returns. Pure functions without runtime dependencies (n8n community-node rules).
 */
export { findInvalidChar } from './chars';
export { XmlParseError, XmlValueError } from './errors';
export type { XmlValueErrorReason } from './errors';
export { decodeXmlName, encodeXmlName } from './names';
export {
	escapeXmlText,
	formatValue,
	plainNumber,
	variablesJson,
	writeDataSet,
	writeRunMapDataTableBody,
	writeRunMapXmlBody,
	writeRunMapXmlBodyFromRows,
	writeVariablesXml,
} from './writer';
export type { CellValue, Row, Variable, WriteOptions } from './writer';
export { parseXml, textOf } from './parser';
export type { XmlElement, XmlNode } from './parser';
export { readDataTable, readSerializedString, readVariablesXml } from './datatable';
export type { DataTable } from './datatable';
export { writeDataSetWithSchema } from './schema';
