namespace ProcOrleans.Silo.Runtime;

/// <summary>Maps a grain interface to the class that implements it.</summary>
internal sealed record GrainRegistration(Type Interface, Type GrainClass);
