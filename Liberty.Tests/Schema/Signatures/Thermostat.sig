{
  "Types": [
    {
      "NativeName": "Weekday",
      "Type": "Enumeration",
      "Children": [
        { "NativeName": "Sunday" }, { "NativeName": "Monday" }, { "NativeName": "Tuesday" }, { "NativeName": "Wednesday" },
        { "NativeName": "Thursday" }, { "NativeName": "Friday" }, { "NativeName": "Saturday" }
      ]
    },
    {
      "NativeName": "Period",
      "Type": "Table",
      "Children": [
        { "ID": 11, "NativeName": "day", "Type": "Weekday", "BuiltinType": false, "Attributes": [ { "Name": "TableHeader", "Value": "" } ] },
        { "ID": 12, "NativeName": "start", "Type": "TimeOnly" },
        {
          "ID": 13,
          "NativeName": "setpoint",
          "Type": "Number",
          "Attributes": [ { "Name": "PhysicalQuantity", "Value": "1|Cel,7,30,0.5|[degF],45,86,1" }, { "Name": "Default", "Value": "20" } ]
        },
        { "ID": 14, "NativeName": "next", "Type": "Period", "BuiltinType": false, "Attributes": [ { "Name": "Nullable", "Value": "" } ] }
      ]
    }
  ],
  "Functions": [
    {
      "NativeName": "Thermostat",
      "Parameters": [
        { "ID": 1, "NativeName": "thermostat", "Type": "Device", "Attributes": [ { "Name": "DeviceType", "Value": "1,301,201" } ] },
        { "ID": 2, "NativeName": "schedule", "Type": "Period", "BuiltinType": false }
      ]
    }
  ]
}
