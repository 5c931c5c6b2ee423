using System;
using System.IO;
using System.Linq;
using AcrCloud.Engine;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Xunit;

namespace AcrCloud.Tests
{
    public sealed class XlsxWorkbookTests : IDisposable
    {
        private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "xlsx-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private string Write(Action<XlsxWorkbook> fill)
        {
            var path = Path.Combine(_folder, "book.xlsx");
            using (var book = new XlsxWorkbook(Path.Combine(_folder, ".book")))
            {
                fill(book);
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                book.Save(stream);
            }

            return path;
        }

        [Fact]
        public void The_workbook_is_valid_Office_Open_XML_and_leaves_no_spool_behind()
        {
            var path = Write(book =>
            {
                var sheet = book.AddSheet("Sendemeldung", new[]
                {
                    new XlsxColumn("Sender", fill: XlsxFill.Required),
                    new XlsxColumn("Sendedatum", "dd.mm.yyyy", XlsxFill.Required),
                    new XlsxColumn("Sendedauer", "[hh]:mm:ss", XlsxFill.Subsidiary),
                    new XlsxColumn("Plays"),
                });
                sheet.AddRow(new object?[] { " Radio Aare ", new DateTime(2026, 11, 2), TimeSpan.FromSeconds(187), 3 });
                sheet.AddRow(new object?[] { "bell\u0007 and lone \ud800 surrogate", null, null, 2.5 });
                book.AddSheet("Days", new[] { new XlsxColumn("Day") }).AddRow(new object?[] { "x" });
            });

            Assert.Equal(new[] { "book.xlsx" }, Directory.GetFiles(_folder).Select(Path.GetFileName));
            using var document = SpreadsheetDocument.Open(path, false);
            var errors = new OpenXmlValidator().Validate(document).Select(error => error.Description).ToList();
            Assert.Empty(errors);
            var part = document.WorkbookPart!;
            Assert.Equal(new[] { "Sendemeldung", "Days" }, part.Workbook.Sheets!.Elements<Sheet>().Select(sheet => sheet.Name!.Value));
            var first = (WorksheetPart)part.GetPartById(part.Workbook.Sheets!.Elements<Sheet>().First().Id!.Value!);
            var rows = first.Worksheet.Descendants<Row>().ToList();
            Assert.Equal(3, rows.Count);
            var cells = rows[1].Elements<Cell>().ToList();
            Assert.Equal(" Radio Aare ", cells[0].InnerText);
            Assert.Equal(new DateTime(2026, 11, 2).ToOADate(), double.Parse(cells[1].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(187, Math.Round(double.Parse(cells[2].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture) * 86400));
            Assert.Equal("3", cells[3].CellValue!.Text);
            var second = rows[2].Elements<Cell>().ToList();
            Assert.Equal(new[] { "A3", "D3" }, second.Select(cell => cell.CellReference!.Value));
            // The control character goes; the lone surrogate cannot be UTF-8 and becomes the replacement character.
            Assert.Equal("bell and lone \ufffd surrogate", second[0].InnerText);
            Assert.Equal("A1:D3", first.Worksheet.Descendants<AutoFilter>().Single().Reference!.Value);
        }

        [Fact]
        public void Columns_are_named_as_Excel_names_them() =>
            Assert.Equal(new[] { "A", "Z", "AA", "AZ", "BA", "ZZ", "AAA" },
                new[] { 0, 25, 26, 51, 52, 701, 702 }.Select(XlsxWorkbook.ColumnName));
    }
}
