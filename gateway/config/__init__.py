"""gateway.config: the only reader of config/, mappings/ and the environment.

Files (TOML parsed with exact decimals; see docs/adding-a-partner.md and
docs/mapping-reference.md)::

    config/gateway.toml            gateway_model.GatewaySettings
    config/partners/<id>.toml      partner_model.PartnerSettings
    config/data/customers.csv      data.CustomerRow (optional)
    config/data/catalog.csv        data.CatalogRow (optional)
    mappings/_base/mapping.toml    mapping_model.MappingFile, merged under each partner's
    mappings/<id>/mapping.toml, items.csv, ship_to.csv
                                   -> gateway.transactions.mapping.PartnerMapping

Public API::

    load_config(root, *, mappings=None, env=None) -> LoadedConfig   (raises ConfigError)
    check_config(root, *, mappings=None, env=None) -> list[ConfigProblem]
    resolve_paths(config=None, mappings=None, env=None) -> ConfigPaths
    LoadedConfig.partners / .mappings / .gateway / .partner_by_isa(qualifier, id) / .ids(partner)
                .partner_by_sender(channel, address)
                .database_url / .secret(env_name) / .path(relative) / .customers / .catalog

Exceptions::

    Exception
     ├── ConfigError          the configuration cannot be loaded; .problems lists every
     │                        ConfigProblem (file, line, key, code, message)
     └── SecretMissingError   LoadedConfig.secret: the named environment variable is unset

Problems are values (:class:`ConfigProblem`); checks return lists of them and only
``load_config`` raises.
"""

from gateway.config.loaded import ConfigPaths, InterchangeIds, LoadedConfig
from gateway.config.loader import check_config, load_config, resolve_paths
from gateway.config.problems import ConfigError, ConfigProblem, SecretMissingError

__all__ = [
    "ConfigError",
    "ConfigPaths",
    "ConfigProblem",
    "InterchangeIds",
    "LoadedConfig",
    "SecretMissingError",
    "check_config",
    "load_config",
    "resolve_paths",
]
