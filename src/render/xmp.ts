// Identification a standard adds to the XMP beside PDF/A's (PDF/UA, PDF/X): its own property,
// and, because PDF/A predefines neither schema, the PDF/A extension-schema description of it.

export interface XmpIdentification {
  /** The schema's namespace URI and prefix (pdfuaid, pdfxid). */
  namespace: string;
  prefix: string;
  /** The property and the value the file claims. */
  property: string;
  value: string;
  valueType: 'Integer' | 'Text';
  /** Names for the extension-schema description. */
  schema: string;
  description: string;
}

export function identificationXmp(id: XmpIdentification): string {
  return `
        <rdf:Description rdf:about="" xmlns:${id.prefix}="${id.namespace}">
            <${id.prefix}:${id.property}>${id.value}</${id.prefix}:${id.property}>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas>
                <rdf:Bag>
                    <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>${id.schema}</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>${id.namespace}</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>${id.prefix}</pdfaSchema:prefix>
                        <pdfaSchema:property>
                            <rdf:Seq>
                                <rdf:li rdf:parseType="Resource">
                                    <pdfaProperty:name>${id.property}</pdfaProperty:name>
                                    <pdfaProperty:valueType>${id.valueType}</pdfaProperty:valueType>
                                    <pdfaProperty:category>internal</pdfaProperty:category>
                                    <pdfaProperty:description>${id.description}</pdfaProperty:description>
                                </rdf:li>
                            </rdf:Seq>
                        </pdfaSchema:property>
                    </rdf:li>
                </rdf:Bag>
            </pdfaExtension:schemas>
        </rdf:Description>
        `;
}
