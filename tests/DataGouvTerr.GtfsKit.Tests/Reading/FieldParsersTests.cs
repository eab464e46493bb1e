using System.Globalization;
using System.Text;
using DataGouvTerr.GtfsKit.Reading;

namespace DataGouvTerr.GtfsKit.Tests.Reading;

public class FieldParsersTests
{
    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("12", 12.0)]
    [InlineData("-0.5", -0.5)]
    [InlineData("49.443232", 49.443232)]
    [InlineData("1.", 1.0)]
    [InlineData(".25", 0.25)]
    [InlineData("1e3", 1000.0)]
    [InlineData(" 2.5 ", 2.5)]
    [InlineData("+3.5", 3.5)]
    [InlineData("0.1234567890123456789", 0.1234567890123456789)]
    public void Parses_decimals_to_the_same_double_as_the_framework(string text, double expected)
    {
        Assert.True(FieldParsers.TryParseDouble(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    public void Rejects_what_is_not_a_finite_number(string text) =>
        Assert.False(FieldParsers.TryParseDouble(text, out _));

    [Fact]
    public void Short_decimal_fast_path_rounds_exactly_like_double_parse()
    {
        // Coordinates and distances of every length the fast path takes, including its 15-digit edge.
        var random = new Random(7);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.Next(1, 16);
            var point = random.Next(0, digits + 1);
            var text = new StringBuilder(random.Next(4) == 0 ? "-" : "");
            for (var d = 0; d < digits; d++)
            {
                if (d == point && d > 0)
                {
                    text.Append('.');
                }

                text.Append((char)('0' + random.Next(10)));
            }

            var s = text.ToString();
            Assert.True(FieldParsers.TryParseDouble(s, out var value), s);
            Assert.Equal(double.Parse(s, CultureInfo.InvariantCulture), value);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(s, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
        }
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("007", 7)]
    [InlineData("123456789", 123456789)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-12", -12)]
    [InlineData(" 5 ", 5)]
    public void Parses_integers(string text, int expected)
    {
        Assert.True(FieldParsers.TryParseInt(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("1.5")]
    [InlineData("x")]
    [InlineData("")]
    public void Rejects_what_is_not_an_int(string text) => Assert.False(FieldParsers.TryParseInt(text, out _));
}
