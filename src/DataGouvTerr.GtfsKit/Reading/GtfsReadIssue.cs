namespace DataGouvTerr.GtfsKit.Reading;

/// <summary>How serious a reading issue is; mirrors the validator's severities.</summary>
public enum GtfsIssueSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// Something the reader met but did not throw on: an unparseable value, a short row, a non-UTF-8 byte, an unsafe zip entry.
/// Codes follow MobilityData's notice codes where one exists (invalid_time, invalid_integer, invalid_row_length, ...);
/// the validator turns these into notices. RowNumber is 0 for file-level issues, 1 for the header.
/// </summary>
public sealed record GtfsReadIssue(
    string Code,
    GtfsIssueSeverity Severity,
    string FileName,
    long RowNumber,
    string? FieldName,
    string? Value,
    string Message);

/// <summary>The stable codes of reading issues and errors.</summary>
public static class GtfsReadCodes
{
    public const string InvalidInteger = "invalid_integer";
    public const string InvalidFloat = "invalid_float";
    public const string InvalidTime = "invalid_time";
    public const string InvalidDate = "invalid_date";
    public const string InvalidRowLength = "invalid_row_length";
    public const string InvalidCharacter = "invalid_character";
    public const string EmptyFile = "empty_file";
    public const string EmptyRow = "empty_row";
    public const string CsvParsingFailed = "csv_parsing_failed";
    public const string WrongDelimiter = "wrong_delimiter";
    public const string DuplicatedColumn = "duplicated_column";
    public const string EmptyColumnName = "empty_column_name";
    public const string TooManyRows = "too_many_rows";
    public const string UnsafeEntryName = "unsafe_entry_name";
    public const string InvalidInputFilesInSubfolder = "invalid_input_files_in_subfolder";
    public const string TooManyIssues = "too_many_issues";

    // Fatal: thrown as GtfsReadException.
    public const string SourceNotFound = "source_not_found";
    public const string CorruptZip = "corrupt_zip";
    public const string UncompressedSizeLimit = "uncompressed_size_limit";
    public const string CompressionRatioLimit = "compression_ratio_limit";
    public const string IoError = "i_o_error";
}
