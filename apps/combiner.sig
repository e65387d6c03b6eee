{
  "Functions": [
    {
      "NativeName": "ComboOnOff",
      "Parameters": [
        {
          "ID": 1,
          "NativeName": "input",
          "Type": "List",
          "Children": [
            {
              "ID": 2,
              "NativeName": "",
              "Type": "Device",
              "Attributes": [
                { "Name": "DeviceType", "Value": "1,ffff,6" },
                { "Name": "Access", "Value": "ReadWrite" }
              ]
            }
          ],
          "Attributes": [
            { "Name": "SizeMin", "Value": "1" },
            { "Name": "Unique", "Value": "" }
          ]
        },
        {
          "ID": 3,
          "NativeName": "output",
          "Type": "VirtualDevice",
          "Attributes": [
            { "Name": "VirtualDevice", "Value": "1,100,6" }
          ]
        }
      ]
    }
  ]
}
