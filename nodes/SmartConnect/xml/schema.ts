import { encodeXmlName } from './names';
import { writeDataSetBody, type Row, type WriteOptions } from './writer';

/**
 * A .NET DataSet document with its inline schema, as `DataSet.WriteXml(writer, XmlWriteMode.WriteSchema)`
 * writes it: the body the on-premise `runmapdatatable/{mapId}` and `getmapxml/datatable/{mapId}`
 * take (`smartconnect-api.md` §2.4). The root is the DataSet (`NewDataSet`), an `xs:schema` that
 * declares the one table and its columns comes first, then one element per row.
 *
 * Every column is declared `xs:string` with `minOccurs="0"` (a missing element is a null): the map's
 * own conversions read the values, as they do for the schemaless SmartConnect.com bodies.
 */
export function writeDataSetWithSchema(rows: Row[], opts?: WriteOptions): Buffer {
	const table = encodeXmlName(opts?.rowElement ?? 'Table');
	const columns: string[] = [];
	const seen = new Set<string>();
	for (const row of rows) {
		for (const column of Object.keys(row)) {
			if (seen.has(column)) continue;
			seen.add(column);
			columns.push(column);
		}
	}
	const elements = columns
		.map((column) => `<xs:element name="${encodeXmlName(column)}" type="xs:string" minOccurs="0" />`)
		.join('');
	const schema =
		'<xs:schema id="NewDataSet" xmlns="" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:msdata="urn:schemas-microsoft-com:xml-msdata">' +
		`<xs:element name="NewDataSet" msdata:IsDataSet="true" msdata:MainDataTable="${table}" msdata:UseCurrentLocale="true">` +
		'<xs:complexType><xs:choice minOccurs="0" maxOccurs="unbounded">' +
		`<xs:element name="${table}"><xs:complexType><xs:sequence>${elements}</xs:sequence></xs:complexType></xs:element>` +
		'</xs:choice></xs:complexType></xs:element></xs:schema>';
	// Encoded names are XML names: nothing in them needs escaping.
	return writeDataSetBody(rows, { ...opts, rootElement: 'NewDataSet', head: schema });
}
