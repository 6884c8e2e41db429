fn main() {
    let _ = group_api::feishu::UpdateUserGroupRequest::builder().name("外包 IT 用户组").build();
}
