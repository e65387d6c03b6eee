using System.Globalization;
using Liberty.Devices.Drivers;

namespace Liberty.Tests.Devices;

/// <summary>A sysfs-shaped directory tree in a temp folder, removed on dispose.</summary>
internal sealed class FakeSysfsTree : IDisposable
{
    public FakeSysfsTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "liberty-sysfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public SysfsDriverOptions Options => new() { Root = Root, PollInterval = TimeSpan.FromSeconds(1) };

    public void AddLed(string path, int brightness, int maxBrightness)
    {
        Write(path, "brightness", brightness);
        Write(path, "max_brightness", maxBrightness);
    }

    public void AddGpio(string path, string direction, int value)
    {
        Write(path, "direction", direction);
        Write(path, "value", value);
    }

    public void AddThermal(string path, int milliDegrees) => Write(path, "temp", milliDegrees);

    public void Write(string path, string file, object value)
    {
        var directory = Path.Combine(Root, path);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, file), Convert.ToString(value, CultureInfo.InvariantCulture) + "\n");
    }

    public string Read(string path, string file) => File.ReadAllText(Path.Combine(Root, path, file)).Trim();

    public void Delete(string path, string file) => File.Delete(Path.Combine(Root, path, file));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
