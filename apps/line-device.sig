{"Functions":[{"NativeName":"LineDevice","Parameters":[
  {"ID":1,"NativeName":"lanDevice","Type":"LanDevice"},
  {"ID":2,"NativeName":"port","Type":"Number","Attributes":[{"Name":"NumberMin","Value":"0"},{"Name":"NumberMax","Value":"65535"},{"Name":"NumberStep","Value":"1"},{"Name":"Default","Value":"23"}]},
  {"ID":3,"NativeName":"powerOn","Type":"Boolean"},
  {"ID":4,"NativeName":"power","Type":"VirtualDevice","Attributes":[{"Name":"VirtualDevice","Value":"1,100,6"}]}
]}]}
