namespace Liberty.Node;

internal static class Program
{
    public static int Main(string[] args)
    {
        Console.WriteLine("liberty: not yet");
        return args.Length;
    }
}
