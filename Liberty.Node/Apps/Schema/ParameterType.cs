namespace Liberty.Node.Apps.Schema;

/// <summary>The parameter types of Liberty's <c>.sig</c> files (docs/app-api.md section 1).</summary>
internal enum ParameterType
{
    /// <summary>A real device: the Lua value is its integer id.</summary>
    Device,

    /// <summary>A virtual device created with the task and removed with it: its integer id.</summary>
    VirtualDevice,

    /// <summary>A network endpoint configured on the node: its integer id.</summary>
    LanDevice,

    /// <summary>A stored action: its integer id.</summary>
    Action,

    /// <summary>A user or group: its integer id.</summary>
    User,

    /// <summary>A Lua array (1-based) of the single child's type.</summary>
    List,

    /// <summary>A Lua table with one field per child (keyed by the child's NativeName).</summary>
    Table,

    /// <summary>A number (integer when the argument is integral).</summary>
    Number,

    /// <summary>A string.</summary>
    String,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A 0-based integer index into the labels of the app's description file.</summary>
    Enumeration,

    /// <summary>Seconds since local midnight (0..86399).</summary>
    TimeOnly,

    /// <summary>UTC seconds since the Unix epoch.</summary>
    DateTime,
}
