namespace Liberty.Node.Engine.Io;

/// <summary>A fixed-capacity byte ring. Not thread-safe: its owner guards it with its lock.</summary>
internal sealed class ByteRing(int capacity)
{
    private readonly byte[] _data = new byte[capacity];
    private int _start;

    public int Count { get; private set; }

    public int Free => _data.Length - Count;

    /// <summary>Appends as much of <paramref name="source"/> as fits; returns how much.</summary>
    public int Write(ReadOnlySpan<byte> source)
    {
        var n = Math.Min(source.Length, Free);
        var end = (_start + Count) % _data.Length;
        var first = Math.Min(n, _data.Length - end);
        source[..first].CopyTo(_data.AsSpan(end));
        source[first..n].CopyTo(_data);
        Count += n;
        return n;
    }

    /// <summary>Copies up to <paramref name="destination"/>'s length from the front without consuming; returns how much.</summary>
    public int Peek(Span<byte> destination)
    {
        var n = Math.Min(destination.Length, Count);
        var first = Math.Min(n, _data.Length - _start);
        _data.AsSpan(_start, first).CopyTo(destination);
        _data.AsSpan(0, n - first).CopyTo(destination[first..]);
        return n;
    }

    /// <summary>Drops <paramref name="count"/> bytes from the front.</summary>
    public void Consume(int count)
    {
        count = Math.Min(count, Count);
        _start = (_start + count) % _data.Length;
        Count -= count;
        if (Count == 0)
        {
            _start = 0;
        }
    }

    /// <summary>Moves up to <paramref name="destination"/>'s length from the front; returns how much.</summary>
    public int Read(Span<byte> destination)
    {
        var n = Peek(destination);
        Consume(n);
        return n;
    }

    public void Clear()
    {
        _start = 0;
        Count = 0;
    }
}
