namespace Liberty.Devices.Drivers;

/// <summary>The kinds of Linux sysfs device (configuration names in brackets).</summary>
internal enum SysfsKind
{
    /// <summary>An LED [led], e.g. <c>class/leds/led0</c>: files <c>brightness</c>, <c>max_brightness</c>; a dimmable light.</summary>
    Led,

    /// <summary>A GPIO line [gpio], e.g. <c>class/gpio/gpio17</c>: files <c>value</c>, <c>direction</c>; On/Off, read-only when an input.</summary>
    Gpio,

    /// <summary>A thermal zone [thermal], e.g. <c>class/thermal/thermal_zone0</c>: file <c>temp</c> in millidegrees; a temperature sensor.</summary>
    Thermal,
}
