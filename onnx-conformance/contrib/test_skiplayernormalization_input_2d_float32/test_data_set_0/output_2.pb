
Binv_std_varJ,?Ÿ‚ð>¿òJ?GD?