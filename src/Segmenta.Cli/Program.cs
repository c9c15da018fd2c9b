Console.WriteLine("segmenta");
