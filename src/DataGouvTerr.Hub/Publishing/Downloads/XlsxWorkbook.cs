using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DataGouvTerr.Hub.Publishing.Downloads;

/// <summary>
/// A product as an XLSX workbook (Open XML SDK): sheet "Données" with numbers as numbers, dates and bin bounds as
/// dates (legal time of the territory), booleans as oui/non, an empty cell for an unpublished value; sheet
/// "À propos" with what the file was built under (<see cref="DownloadAbout"/>), in French.
/// </summary>
public static class XlsxWorkbook
{
    // Style indexes into the stylesheet below.
    private const uint HeaderStyle = 1;
    private const uint DateStyle = 2;
    private const uint DateTimeStyle = 3;

    public static byte[] Write(DownloadTable table, DownloadAbout about)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            AddSheet(workbook, sheets, 1, "Données", DataRows(table));
            AddSheet(workbook, sheets, 2, "À propos", AboutRows(about));
            workbook.Workbook.Save();
        }
        return buffer.ToArray();
    }

    private static IEnumerable<Row> DataRows(DownloadTable table)
    {
        yield return new Row(table.Columns.Select(c => Text(c.Name, HeaderStyle)));
        foreach (var cells in table.Rows)
        {
            var row = new Row();
            for (var c = 0; c < table.Columns.Count; c++)
            {
                row.Append(CellOf(table.Columns[c].Kind, cells[c]));
            }
            yield return row;
        }
    }

    private static IEnumerable<Row> AboutRows(DownloadAbout about)
    {
        yield return new Row(Text("Rubrique", HeaderStyle), Text("Valeur", HeaderStyle));
        foreach (var (label, value) in about.Lines)
        {
            yield return new Row(Text(label), Text(value));
        }
    }

    private static Cell CellOf(ColumnKind kind, string? value) => value is null
        ? new Cell()
        : kind switch
        {
            ColumnKind.Number when DownloadTable.Number(value) is { } n => Number(n),
            ColumnKind.Instant when DownloadTable.Instant(value) is { } t => Number(t.ToOADate(), DateTimeStyle),
            ColumnKind.Date when DownloadTable.Date(value) is { } d => Number(d.ToOADate(), DateStyle),
            ColumnKind.Boolean when DownloadTable.Boolean(value) is { } b => Text(b ? "oui" : "non"),
            _ => Text(value),
        };

    private static Cell Number(double value, uint style = 0) =>
        new(new CellValue(value)) { DataType = CellValues.Number, StyleIndex = style == 0 ? null : style };

    private static Cell Text(string value, uint style = 0) =>
        new(new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = style == 0 ? null : style };

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, IEnumerable<Row> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        foreach (var row in rows)
        {
            data.Append(row);
        }
        part.Worksheet = new Worksheet(data);
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    /// <summary>Default, bold header, dd/mm/yyyy, dd/mm/yyyy hh:mm (French order whatever the reader's locale).</summary>
    private static Stylesheet Stylesheet()
    {
        var numberFormats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "dd/mm/yyyy hh:mm" });
        var fonts = new Fonts(new Font(), new Font(new Bold()));
        var fills = new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }));
        var borders = new Borders(new Border());
        var cellFormats = new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true });
        numberFormats.Count = 2;
        fonts.Count = 2;
        fills.Count = 2;
        borders.Count = 1;
        cellFormats.Count = 4;
        return new Stylesheet(numberFormats, fonts, fills, borders, cellFormats);
    }
}
