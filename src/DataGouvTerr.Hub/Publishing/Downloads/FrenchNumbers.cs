using System.Globalization;

namespace DataGouvTerr.Hub.Publishing.Downloads;

/// <summary>
/// French number conventions (decimal comma) without culture data: the hub runs with InvariantGlobalization, where
/// <c>CultureInfo.GetCultureInfo("fr-FR")</c> does not exist, so the one convention the downloads need is spelt out.
/// </summary>
public static class FrenchNumbers
{
    public static NumberFormatInfo Format { get; } = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u202F", NegativeSign = "-" };
}
