namespace DataGouvTerr.GtfsKit.Validation.Rules;

/// <summary>
/// ISO 639-1 languages and ISO 4217 currencies, written out because the build runs with invariant globalization
/// (no ICU data to ask CultureInfo or RegionInfo).
/// </summary>
public static class IsoCodes
{
    public static readonly IReadOnlySet<string> Languages = new HashSet<string>(
        ("aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo "
        + "es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg "
        + "ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn "
        + "no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta "
        + "te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu").Split(' '),
        StringComparer.OrdinalIgnoreCase);

    public static readonly IReadOnlySet<string> Currencies = new HashSet<string>(
        ("AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP "
        + "CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR "
        + "ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT "
        + "MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD "
        + "SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES "
        + "VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL").Split(' '),
        StringComparer.Ordinal);

    /// <summary>language[-script][-region][-variant…]: a 2-letter ISO 639-1 or 3-letter ISO 639-2/3 language, then 1–8 character subtags.</summary>
    public static bool IsLanguageTag(string value)
    {
        var parts = value.Split('-');
        var language = parts[0];
        var knownLanguage = language.Length == 2 ? Languages.Contains(language) : language.Length == 3 && language.All(char.IsAsciiLetter);
        return knownLanguage && parts.Skip(1).All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }
}
