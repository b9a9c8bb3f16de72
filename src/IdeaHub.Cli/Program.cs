System.Console.WriteLine("ideahub");
