// Compiled into a module library that has no sources yet.
