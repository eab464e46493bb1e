using System.Globalization;
using System.Text;

namespace DataGouvTerr.Hub.Publishing.Downloads;

/// <summary>
/// CSV as French Excel and LibreOffice open it with a double click: UTF-8 with a byte order mark (else accents break),
/// <c>;</c> between fields (the comma is the decimal separator), decimal commas, dates as dd/MM/yyyy and bin bounds
/// as dd/MM/yyyy HH:mm in the territory's legal time, booleans as oui/non. The header keeps the machine names of the
/// plain CSV, so a script reads both.
/// </summary>
public static class FrenchExcelCsv
{
    private static readonly NumberFormatInfo French = FrenchNumbers.Format;

    public static byte[] Write(DownloadTable table)
    {
        var text = new StringBuilder();
        text.AppendJoin(';', table.Columns.Select(c => Field(c.Name))).Append("\r\n");
        foreach (var row in table.Rows)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                if (c > 0)
                {
                    text.Append(';');
                }
                text.Append(Cell(table.Columns[c].Kind, row[c]));
            }
            text.Append("\r\n");
        }
        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(text.ToString());
        return [.. preamble, .. body];
    }

    private static string Cell(ColumnKind kind, string? cell)
    {
        if (cell is null)
        {
            return "";
        }
        return kind switch
        {
            // No thousands separator: Excel would read "1 234,5" as text in some locales; "1234,5" is always a number.
            ColumnKind.Number when DownloadTable.Number(cell) is { } n => n.ToString("0.###", French),
            ColumnKind.Instant when DownloadTable.Instant(cell) is { } t => t.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
            ColumnKind.Date when DownloadTable.Date(cell) is { } d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            ColumnKind.Boolean when DownloadTable.Boolean(cell) is { } b => b ? "oui" : "non",
            _ => Field(cell),
        };
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
