//! The guest ABI of docs/wire.md: which exports and imports a kobako guest
//! has, and the version this host speaks.

use wasmtime::{ExternType, FuncType, Module, ModuleExport, ValType};

use crate::error::KobakoError;

/// The one ABI version this host speaks.
pub const ABI_VERSION: i32 = 1;

pub const WASI_MODULE: &str = "wasi_snapshot_preview1";
pub const DISPATCH_MODULE: &str = "env";
pub const DISPATCH_NAME: &str = "__kobako_dispatch";

/// Pre-resolved export handles: faster per-instance lookups than by name.
pub struct ExportHandles {
    pub memory: ModuleExport,
    pub abi_version: ModuleExport,
    pub alloc: ModuleExport,
    pub eval: ModuleExport,
    /// `kobako_prepare`: optional; without it every invocation replays the
    /// snippets (invocation/snapshot.rs).
    pub prepare: Option<ModuleExport>,
    pub outcome: ModuleExport,
    pub output_area: ModuleExport,
}

/// Checks the module's shape (not yet its version) and resolves its exports.
pub fn check_shape(module: &Module) -> Result<ExportHandles, KobakoError> {
    for import in module.imports() {
        let allowed = match (import.module(), import.name(), import.ty()) {
            (WASI_MODULE, _, ExternType::Func(_)) => true,
            (DISPATCH_MODULE, DISPATCH_NAME, ExternType::Func(ty)) => signature_is(&ty, "ii", "I"),
            _ => false,
        };
        if !allowed {
            return Err(not_a_guest(format!(
                "unexpected import `{}.{}`",
                import.module(),
                import.name()
            )));
        }
    }
    match module.get_export("memory") {
        Some(ExternType::Memory(memory)) if !memory.is_shared() && !memory.is_64() => {}
        _ => return Err(not_a_guest("no 32-bit, unshared `memory` export".into())),
    }
    // Looked up by name in the rare case it is called (dispatch.rs).
    function(module, "kobako_yield", "ii", "I")?;
    Ok(ExportHandles {
        memory: export_index(module, "memory")?,
        abi_version: function(module, "kobako_abi_version", "", "i")?,
        alloc: function(module, "kobako_alloc", "i", "i")?,
        eval: function(module, "kobako_eval", "ii", "i")?,
        prepare: match module.get_export("kobako_prepare") {
            None => None,
            Some(_) => Some(function(module, "kobako_prepare", "ii", "i")?),
        },
        outcome: function(module, "kobako_outcome", "", "I")?,
        output_area: function(module, "kobako_output_area", "", "i")?,
    })
}

/// Err unless the guest speaks `ABI_VERSION`.
pub fn check_version(version: i32) -> Result<(), KobakoError> {
    if version == ABI_VERSION {
        Ok(())
    } else {
        Err(KobakoError::Setup(format!(
            "the guest speaks kobako ABI version {version}, this host speaks version {ABI_VERSION}; \
             rebuild the guest artifact or upgrade kobako"
        )))
    }
}

fn function(
    module: &Module,
    name: &str,
    params: &str,
    results: &str,
) -> Result<ModuleExport, KobakoError> {
    match module.get_export(name) {
        Some(ExternType::Func(ty)) if signature_is(&ty, params, results) => {
            export_index(module, name)
        }
        Some(_) => Err(not_a_guest(format!("export `{name}` has the wrong type"))),
        None => Err(not_a_guest(format!("missing export `{name}`"))),
    }
}

fn export_index(module: &Module, name: &str) -> Result<ModuleExport, KobakoError> {
    module
        .get_export_index(name)
        .ok_or_else(|| not_a_guest(format!("missing export `{name}`")))
}

/// Compares a signature with a compact spelling: `i` = i32, `I` = i64.
fn signature_is(ty: &FuncType, params: &str, results: &str) -> bool {
    fn spell(types: impl Iterator<Item = ValType>) -> String {
        types
            .map(|t| match t {
                ValType::I32 => 'i',
                ValType::I64 => 'I',
                _ => '?',
            })
            .collect()
    }
    spell(ty.params()) == params && spell(ty.results()) == results
}

fn not_a_guest(reason: String) -> KobakoError {
    KobakoError::Setup(format!("not a kobako guest: {reason}"))
}
