namespace ProcOrleans.Grains.Abstractions;

/// <summary>Marks a grain interface whose identity is a 64-bit integer key.</summary>
public interface IGrainWithIntegerKey;
