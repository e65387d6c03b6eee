{
  "Functions": [
    {
      "NativeName": "Schedule",
      "Parameters": [
        {
          "ID": 1,
          "NativeName": "times",
          "Type": "List",
          "Attributes": [{ "Name": "SizeMin", "Value": "1" }],
          "Children": [
            {
              "ID": 2,
              "NativeName": "",
              "Type": "Table",
              "Children": [
                { "ID": 3, "NativeName": "at", "Type": "TimeOnly", "Attributes": [{ "Name": "TableHeader", "Value": "" }] },
                { "ID": 4, "NativeName": "on", "Type": "Boolean" }
              ]
            }
          ]
        }
      ]
    }
  ]
}
