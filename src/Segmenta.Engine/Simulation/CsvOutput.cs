using System.Globalization;
using System.Text;

namespace Segmenta.Engine.Simulation;

/// <summary>
/// A fast, allocation-free CSV row writer: fields are appended into a char buffer that is flushed to
/// a UTF-8 (no BOM) stream. Numbers and timestamps are formatted by hand or with invariant culture.
/// </summary>
internal sealed class CsvOutput : IDisposable
{
    private const int BufferSize = 1 << 16;
    private readonly StreamWriter _writer;
    private readonly char[] _buffer = new char[BufferSize];
    private readonly string[] _dayPrefixes;
    private int _length;
    private bool _fieldStarted;

    /// <param name="path">File to create (overwritten).</param>
    /// <param name="epoch">Start of the period; timestamps are seconds from it.</param>
    /// <param name="days">Days covered by the cached date prefixes.</param>
    public CsvOutput(string path, DateTime epoch, int days)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        _writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20);
        _dayPrefixes = new string[days + 2];
        for (var d = 0; d < _dayPrefixes.Length; d++)
        {
            _dayPrefixes[d] = epoch.AddDays(d).ToString("yyyy-MM-dd'T'", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Rows written (excluding the header).</summary>
    public long Rows { get; private set; }

    public void Header(string header)
    {
        Raw(header);
        _writer.Write(_buffer, 0, _length);
        _length = 0;
        _writer.Write('\n');
        _fieldStarted = false;
    }

    private void Ensure(int n)
    {
        if (_length + n > BufferSize)
        {
            _writer.Write(_buffer, 0, _length);
            _length = 0;
        }
    }

    private void Separator()
    {
        if (_fieldStarted)
        {
            _buffer[_length++] = ',';
        }
        _fieldStarted = true;
    }

    private void Raw(string s)
    {
        Ensure(s.Length + 1);
        s.AsSpan().CopyTo(_buffer.AsSpan(_length));
        _length += s.Length;
    }

    /// <summary>Ends the row.</summary>
    public void EndRow()
    {
        Ensure(1);
        _buffer[_length++] = '\n';
        _fieldStarted = false;
        Rows++;
    }

    /// <summary>An empty (null) field.</summary>
    public void Empty()
    {
        Ensure(1);
        Separator();
    }

    /// <summary>A text field, quoted per RFC 4180 when it contains a comma, quote or line break.</summary>
    public void Text(string? s)
    {
        if (s is null)
        {
            Empty();
            return;
        }
        if (s.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            Ensure(s.Length + 1);
            Separator();
            s.AsSpan().CopyTo(_buffer.AsSpan(_length));
            _length += s.Length;
            return;
        }
        Ensure(s.Length * 2 + 3);
        Separator();
        _buffer[_length++] = '"';
        foreach (var ch in s)
        {
            if (ch == '"')
            {
                _buffer[_length++] = '"';
            }
            _buffer[_length++] = ch;
        }
        _buffer[_length++] = '"';
    }

    /// <summary>A prefix followed by a zero-padded number, e.g. c000123 (never needs quoting).</summary>
    public void Id(char prefix, long number, int digits)
    {
        Ensure(24);
        Separator();
        _buffer[_length++] = prefix;
        WriteDigits(number, digits);
    }

    /// <summary>A path followed by an id, e.g. /p/p00012 (never needs quoting).</summary>
    public void PathId(string path, char prefix, long number, int digits)
    {
        Ensure(path.Length + 24);
        Separator();
        path.AsSpan().CopyTo(_buffer.AsSpan(_length));
        _length += path.Length;
        _buffer[_length++] = prefix;
        WriteDigits(number, digits);
    }

    /// <summary>An anonymous id: prefix and 8 lower-case hex digits.</summary>
    public void Hex(char prefix, uint value)
    {
        Ensure(10);
        Separator();
        _buffer[_length++] = prefix;
        for (var shift = 28; shift >= 0; shift -= 4)
        {
            var nibble = (int)((value >> shift) & 0xF);
            _buffer[_length++] = (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        }
    }

    public void Integer(long value)
    {
        Ensure(24);
        Separator();
        if (value < 0)
        {
            _buffer[_length++] = '-';
            value = -value;
        }
        WriteDigits(value, 1);
    }

    /// <summary>Money stored as integer cents, written with two decimals and '.'.</summary>
    public void Cents(long cents)
    {
        Ensure(26);
        Separator();
        if (cents < 0)
        {
            _buffer[_length++] = '-';
            cents = -cents;
        }
        WriteDigits(cents / 100, 1);
        _buffer[_length++] = '.';
        WriteDigits(cents % 100, 2);
    }

    /// <summary>A double with invariant formatting and the given number of decimals.</summary>
    public void Number(double value, int decimals)
    {
        Ensure(40);
        Separator();
        value.TryFormat(_buffer.AsSpan(_length), out var written, decimals switch
        {
            2 => "0.##",
            4 => "0.####",
            _ => "0.######",
        }, CultureInfo.InvariantCulture);
        _length += written;
    }

    public void Boolean(bool value) => Text(value ? "true" : "false");

    /// <summary>A UTC timestamp given as whole seconds from the period start, e.g. 2025-03-01T14:05:09Z.</summary>
    public void Timestamp(long secondsFromStart)
    {
        var s = secondsFromStart;
        var day = (int)(s / 86400);
        var rest = (int)(s - day * 86400L);
        var prefix = _dayPrefixes[day];
        Ensure(prefix.Length + 12);
        Separator();
        prefix.AsSpan().CopyTo(_buffer.AsSpan(_length));
        _length += prefix.Length;
        WriteDigits(rest / 3600, 2);
        _buffer[_length++] = ':';
        WriteDigits(rest / 60 % 60, 2);
        _buffer[_length++] = ':';
        WriteDigits(rest % 60, 2);
        _buffer[_length++] = 'Z';
    }

    private void WriteDigits(long value, int minDigits)
    {
        Span<char> tmp = stackalloc char[20];
        var n = 0;
        do
        {
            tmp[n++] = (char)('0' + (int)(value % 10));
            value /= 10;
        }
        while (value != 0);
        while (n < minDigits)
        {
            tmp[n++] = '0';
        }
        while (n > 0)
        {
            _buffer[_length++] = tmp[--n];
        }
    }

    public void Dispose()
    {
        if (_length > 0)
        {
            _writer.Write(_buffer, 0, _length);
            _length = 0;
        }
        _writer.Dispose();
    }
}
