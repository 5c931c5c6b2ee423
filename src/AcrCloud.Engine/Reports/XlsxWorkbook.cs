using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AcrCloud.Engine
{
    /// <summary>The background of a header cell.</summary>
    internal enum XlsxFill
    {
        None,
        /// <summary>Grey #BFBFBF: a column the collecting society requires.</summary>
        Required,
        /// <summary>Light green #EBF1DE: a subsidiary column.</summary>
        Subsidiary,
    }

    /// <summary>One column of a sheet: its header, the Excel number format of its cells (null: General) and the fill
    /// of its header cell.</summary>
    internal sealed class XlsxColumn
    {
        public XlsxColumn(string header, string? numberFormat = null, XlsxFill fill = XlsxFill.None)
        {
            Header = header;
            NumberFormat = numberFormat;
            Fill = fill;
        }

        public string Header { get; }
        public string? NumberFormat { get; }
        public XlsxFill Fill { get; }
    }

    /// <summary>An Excel workbook written as a stream: rows go to a spool file as they come (the column widths must be
    /// written before the rows, and are only known after the last one), and <see cref="Save"/> streams every sheet
    /// through OpenXmlWriter with inline strings, so memory does not grow with the number of rows. Cell values are
    /// strings, numbers, <see cref="DateTime"/> (a date cell) or <see cref="TimeSpan"/> (a time or a duration, as a
    /// fraction of a day); null leaves the cell out.</summary>
    internal sealed class XlsxWorkbook : IDisposable
    {
        private readonly string _spoolPrefix;
        private readonly List<XlsxSheet> _sheets = new List<XlsxSheet>();

        /// <param name="spoolPrefix">Where the spool files go (path and name prefix); they are deleted when closed.</param>
        public XlsxWorkbook(string spoolPrefix)
        {
            _spoolPrefix = spoolPrefix;
        }

        public XlsxSheet AddSheet(string name, IReadOnlyList<XlsxColumn> columns)
        {
            var sheet = new XlsxSheet(name, columns, _spoolPrefix + "." + _sheets.Count.ToString(CultureInfo.InvariantCulture) + ".tmp");
            _sheets.Add(sheet);
            return sheet;
        }

        /// <summary>Writes the whole workbook to <paramref name="stream"/>, which stays open.</summary>
        /// <remarks>The package is a zip written in create mode, one part after the other, with the library's
        /// elements and its OpenXmlWriter: System.IO.Packaging on .NET Core keeps every part it writes in memory until
        /// the package closes (a known limit of its zip update mode), which a sheet of a million rows cannot afford.</remarks>
        public void Save(Stream stream)
        {
            var styles = new StyleTable(_sheets.SelectMany(sheet => sheet.Columns));
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true, new UTF8Encoding(false));

            var types = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>")
                .Append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
                .Append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
                .Append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
                .Append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
                .Append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
            var relationships = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>")
                .Append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
            var sheets = new Sheets();
            var names = new DefinedNames();
            for (var i = 0; i < _sheets.Count; i++)
            {
                var number = (i + 1).ToString(CultureInfo.InvariantCulture);
                types.Append("<Override PartName=\"/xl/worksheets/sheet").Append(number)
                    .Append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
                relationships.Append("<Relationship Id=\"rId").Append(number)
                    .Append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet")
                    .Append(number).Append(".xml\"/>");
                sheets.Append(new Sheet { Name = _sheets[i].Name, SheetId = (uint)(i + 1), Id = "rId" + number });
                // Excel keeps an auto-filter's range under this hidden name; without it some versions drop the filter.
                names.Append(new DefinedName("'" + _sheets[i].Name.Replace("'", "''") + "'!" + _sheets[i].FilterRange(absolute: true))
                {
                    Name = "_xlnm._FilterDatabase",
                    LocalSheetId = (uint)i,
                    Hidden = true,
                });
            }

            relationships.Append("<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>")
                .Append("</Relationships>");
            types.Append("</Types>");

            WriteText(zip, "[Content_Types].xml", types.ToString());
            WriteText(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" +
                "</Relationships>");
            WriteElement(zip, "xl/workbook.xml", new Workbook(sheets, names));
            WriteText(zip, "xl/_rels/workbook.xml.rels", relationships.ToString());
            WriteElement(zip, "xl/styles.xml", styles.Build());
            for (var i = 0; i < _sheets.Count; i++)
            {
                using var part = zip.CreateEntry("xl/worksheets/sheet" + (i + 1).ToString(CultureInfo.InvariantCulture) + ".xml", CompressionLevel.Fastest).Open();
                using var xml = OpenXmlWriter.Create(part);
                xml.WriteStartDocument(true);
                _sheets[i].WriteTo(xml, styles, selected: i == 0);
            }
        }

        private static void WriteText(ZipArchive zip, string name, string text)
        {
            using var part = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
            var bytes = new UTF8Encoding(false).GetBytes(text);
            part.Write(bytes, 0, bytes.Length);
        }

        private static void WriteElement(ZipArchive zip, string name, OpenXmlElement element)
        {
            using var part = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
            using var xml = OpenXmlWriter.Create(part);
            xml.WriteStartDocument(true);
            xml.WriteElement(element);
        }

        public void Dispose()
        {
            foreach (var sheet in _sheets) sheet.Dispose();
        }

        // Excel's column width is in characters of the default font; a little more for the filter button.
        internal static double Width(int characters) => Math.Min(Math.Max(characters, 4) + 3, 80);

        internal static string ColumnName(int index)
        {
            var name = "";
            for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
            return name;
        }

        /// <summary>The cell styles a workbook needs: a bold header per fill, and one per number format.</summary>
        internal sealed class StyleTable
        {
            private const uint FirstCustomFormat = 164;
            private readonly List<string> _formats;

            public StyleTable(IEnumerable<XlsxColumn> columns)
            {
                _formats = columns.Select(column => column.NumberFormat).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            }

            // Style 0 is Excel's default; 1-3 are the headers (no fill, required, subsidiary); then the formats.
            public static uint Header(XlsxFill fill) => 1 + (uint)fill;

            public uint Cell(string? numberFormat) => numberFormat == null ? 0 : 4 + (uint)_formats.IndexOf(numberFormat);

            public Stylesheet Build()
            {
                var formats = new NumberingFormats(_formats.Select((code, i) =>
                    new NumberingFormat { NumberFormatId = FirstCustomFormat + (uint)i, FormatCode = code }));
                formats.Count = (uint)_formats.Count;
                var fonts = new Fonts(
                    new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                    new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 };
                var fills = new Fills(
                    new Fill(new PatternFill { PatternType = PatternValues.None }),
                    new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                    Solid("FFBFBFBF"),
                    Solid("FFEBF1DE")) { Count = 4 };
                var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 };
                var cellStyleFormats = new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 };
                var cellFormats = new CellFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 });
                foreach (var fill in new uint[] { 0, 2, 3 })
                {
                    cellFormats.Append(new CellFormat { NumberFormatId = 0, FontId = 1, FillId = fill, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = fill != 0 });
                }

                for (var i = 0; i < _formats.Count; i++)
                {
                    cellFormats.Append(new CellFormat { NumberFormatId = FirstCustomFormat + (uint)i, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true });
                }

                cellFormats.Count = (uint)cellFormats.ChildElements.Count;
                var cellStyles = new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 };
                return new Stylesheet(formats, fonts, fills, borders, cellStyleFormats, cellFormats, cellStyles);
            }

            private static Fill Solid(string argb) =>
                new Fill(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });
        }
    }

    /// <summary>One sheet of an <see cref="XlsxWorkbook"/>: rows are spooled until the workbook is saved.</summary>
    internal sealed class XlsxSheet : IDisposable
    {
        private const byte EmptyCell = 0, TextCell = 1, NumberCell = 2, DateCell = 3, SpanCell = 4;
        private readonly FileStream _spool;
        private readonly BinaryWriter _writer;
        private readonly int[] _widths;

        internal XlsxSheet(string name, IReadOnlyList<XlsxColumn> columns, string spoolPath)
        {
            // Excel refuses sheet names over 31 characters and these characters.
            Name = new string(name.Where(c => "[]:*?/\\".IndexOf(c) < 0).Take(31).ToArray());
            Columns = columns;
            _widths = columns.Select(column => (int)Math.Ceiling(column.Header.Length * 1.15)).ToArray();
            _spool = new FileStream(spoolPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            _writer = new BinaryWriter(_spool, new UTF8Encoding(false), leaveOpen: true);
        }

        public string Name { get; }
        public IReadOnlyList<XlsxColumn> Columns { get; }
        public long RowCount { get; private set; }

        public void AddRow(IReadOnlyList<object?> cells)
        {
            for (var i = 0; i < Columns.Count; i++)
            {
                var value = i < cells.Count ? cells[i] : null;
                int length;
                switch (value)
                {
                    case null:
                    case string { Length: 0 }:
                        _writer.Write(EmptyCell);
                        length = 0;
                        break;
                    case string text:
                        _writer.Write(TextCell);
                        _writer.Write(text);
                        length = text.Length;
                        break;
                    case DateTime date:
                        _writer.Write(DateCell);
                        _writer.Write(date.Ticks);
                        length = FormatLength(Columns[i].NumberFormat);
                        break;
                    case TimeSpan span:
                        _writer.Write(SpanCell);
                        _writer.Write(span.Ticks);
                        length = FormatLength(Columns[i].NumberFormat);
                        break;
                    default:
                        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                        _writer.Write(NumberCell);
                        _writer.Write(number);
                        length = Columns[i].NumberFormat == null ? number.ToString("R", CultureInfo.InvariantCulture).Length : FormatLength(Columns[i].NumberFormat);
                        break;
                }

                if (length > _widths[i]) _widths[i] = length;
            }

            RowCount++;
        }

        internal string FilterRange(bool absolute)
        {
            var last = XlsxWorkbook.ColumnName(Columns.Count - 1);
            var lastRow = (RowCount + 1).ToString(CultureInfo.InvariantCulture);
            return absolute ? "$A$1:$" + last + "$" + lastRow : "A1:" + last + lastRow;
        }

        internal void WriteTo(OpenXmlWriter xml, XlsxWorkbook.StyleTable styles, bool selected)
        {
            _writer.Flush();
            _spool.Position = 0;
            using var reader = new BinaryReader(_spool, new UTF8Encoding(false), leaveOpen: true);
            xml.WriteStartElement(new Worksheet());
            // The header row stays in view while scrolling.
            xml.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { WorkbookViewId = 0, TabSelected = selected }));
            xml.WriteElement(new Columns(_widths.Select((width, i) =>
                new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = XlsxWorkbook.Width(width), CustomWidth = true })));
            xml.WriteStartElement(new SheetData());

            var names = Enumerable.Range(0, Columns.Count).Select(XlsxWorkbook.ColumnName).ToArray();
            var cellStyles = Columns.Select(column => styles.Cell(column.NumberFormat).ToString(CultureInfo.InvariantCulture)).ToArray();
            var headerStyles = Columns.Select(column => XlsxWorkbook.StyleTable.Header(column.Fill).ToString(CultureInfo.InvariantCulture)).ToArray();
            var attributes = new List<OpenXmlAttribute>(3);

            WriteRowStart(xml, 1);
            for (var i = 0; i < Columns.Count; i++) WriteText(xml, names[i] + "1", headerStyles[i], Columns[i].Header, attributes);
            xml.WriteEndElement();

            for (long row = 2; row <= RowCount + 1; row++)
            {
                WriteRowStart(xml, row);
                var suffix = row.ToString(CultureInfo.InvariantCulture);
                for (var i = 0; i < Columns.Count; i++)
                {
                    var kind = reader.ReadByte();
                    switch (kind)
                    {
                        case EmptyCell:
                            break;
                        case TextCell:
                            WriteText(xml, names[i] + suffix, cellStyles[i], reader.ReadString(), attributes);
                            break;
                        case NumberCell:
                            WriteNumber(xml, names[i] + suffix, cellStyles[i], reader.ReadDouble(), attributes);
                            break;
                        case DateCell:
                            WriteNumber(xml, names[i] + suffix, cellStyles[i], new DateTime(reader.ReadInt64()).ToOADate(), attributes);
                            break;
                        case SpanCell:
                            WriteNumber(xml, names[i] + suffix, cellStyles[i], new TimeSpan(reader.ReadInt64()).TotalDays, attributes);
                            break;
                        default:
                            throw new InvalidDataException("The spool of sheet '" + Name + "' is damaged.");
                    }
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteElement(new AutoFilter { Reference = FilterRange(absolute: false) });
            xml.WriteEndElement();
        }

        public void Dispose()
        {
            _writer.Dispose();
            _spool.Dispose();
        }

        private static void WriteRowStart(OpenXmlWriter xml, long row) =>
            xml.WriteStartElement(new Row(), new[] { new OpenXmlAttribute("r", "", row.ToString(CultureInfo.InvariantCulture)) });

        private static void WriteNumber(OpenXmlWriter xml, string reference, string style, double value, List<OpenXmlAttribute> attributes)
        {
            attributes.Clear();
            attributes.Add(new OpenXmlAttribute("r", "", reference));
            if (style != "0") attributes.Add(new OpenXmlAttribute("s", "", style));
            xml.WriteStartElement(new Cell(), attributes);
            xml.WriteStartElement(new CellValue());
            xml.WriteString(value.ToString("R", CultureInfo.InvariantCulture));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        // Inline strings rather than the shared-string table, which would grow with every distinct value.
        private static void WriteText(OpenXmlWriter xml, string reference, string style, string value, List<OpenXmlAttribute> attributes)
        {
            attributes.Clear();
            attributes.Add(new OpenXmlAttribute("r", "", reference));
            if (style != "0") attributes.Add(new OpenXmlAttribute("s", "", style));
            attributes.Add(new OpenXmlAttribute("t", "", "inlineStr"));
            xml.WriteStartElement(new Cell(), attributes);
            xml.WriteStartElement(new InlineString());
            var text = XmlSafe(value);
            if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[text.Length - 1])))
            {
                xml.WriteStartElement(new Text(), new[] { new OpenXmlAttribute("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve") });
            }
            else
            {
                xml.WriteStartElement(new Text());
            }

            xml.WriteString(text);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        // XML 1.0 cannot carry most control characters or a lone surrogate; a title from the API can.
        internal static string XmlSafe(string value)
        {
            StringBuilder? cleaned = null;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                var ok = c >= 0x20 ? c < 0xFFFE : c == '\t' || c == '\n' || c == '\r';
                if (char.IsHighSurrogate(c)) ok = i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
                else if (char.IsLowSurrogate(c)) ok = i > 0 && char.IsHighSurrogate(value[i - 1]);
                if (!ok && cleaned == null) cleaned = new StringBuilder(value, 0, i, value.Length);
                if (ok) cleaned?.Append(c);
            }

            return cleaned?.ToString() ?? value;
        }

        private static int FormatLength(string? format) =>
            format == null ? 10 : format.Replace("\\", "").Replace("\"", "").Replace("[", "").Replace("]", "").Length;
    }
}
