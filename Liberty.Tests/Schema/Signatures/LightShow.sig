{
  "Functions": [
    {
      "ID": 1,
      "NativeName": "LightShow",
      "Parameters": [
        {
          "ID": 2,
          "NativeName": "groups",
          "Type": "List",
          "Children": [
            {
              "ID": 3,
              "NativeName": "",
              "Type": "Table",
              "Children": [
                { "ID": 4, "NativeName": "name", "Type": "String", "Attributes": [ { "Name": "TableHeader", "Value": "" }, { "Name": "Unique", "Value": "" } ] },
                {
                  "ID": 5,
                  "NativeName": "lights",
                  "Type": "List",
                  "Children": [
                    { "ID": 6, "NativeName": "", "Type": "Device", "Attributes": [ { "Name": "DeviceType", "Value": "1,ffff,6" }, { "Name": "Unique", "Value": "" } ] }
                  ],
                  "Attributes": [ { "Name": "SizeMin", "Value": "1" }, { "Name": "Unordered", "Value": "" } ]
                },
                { "ID": 7, "NativeName": "pattern", "Type": "Enumeration", "Attributes": [ { "Name": "Default", "Value": "0" } ] }
              ]
            }
          ],
          "Attributes": [ { "Name": "SizeMin", "Value": "1" } ]
        },
        { "ID": 8, "NativeName": "period", "Type": "Number", "Attributes": [ { "Name": "NumberMin", "Value": "1" }, { "Name": "NumberMax", "Value": "60" }, { "Name": "Default", "Value": "5" } ] },
        { "ID": 9, "NativeName": "indicator", "Type": "VirtualDevice", "Attributes": [ { "Name": "VirtualDevice", "Value": "1,100,6" }, { "Name": "Nullable", "Value": "" } ] }
      ]
    }
  ]
}
